package io.jenkins.plugins.releasetrain.plan;

import static io.jenkins.plugins.releasetrain.testing.Fixtures.exampleText;
import static io.jenkins.plugins.releasetrain.testing.Fixtures.replaceOnce;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.releasetrain.manifest.ManifestLoader;
import io.jenkins.plugins.releasetrain.manifest.Release;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PromotionPlanTest {

    private static final String STAGING = exampleText("staging-us-east-2.yaml");
    private static final String RESOURCES_COMMIT = "gitCommit: 4f545ec8f09c81ac645926f755ba13f46434f636";
    private static final String PRODUCT2 = """
              - name: product2
                releaseVersion: 2.0.0
                releaseCandidate: 1
                deployments:
                  - gitRepoName: billing-lambda
                    gitRepoShortName: billing
                    gitCommit: 9f2c1d5e7a8b3c4d5e6f7a8b9c0d1e2f3a4b5c6d
                    workflowBase: lambda-job
                    deployTarget: lambda
                images:
                  - repoName: product2/billing-api
                    sourceTag: dev_900
            """;

    private static Release release(String text) {
        return new ManifestLoader()
                .load("releases/staging-us-east-2.yaml", text)
                .release();
    }

    private static PromotionPlan promote(String target, String deployed, PromotionScope scope) {
        Optional<Release> baseline = Optional.ofNullable(deployed).map(PromotionPlanTest::release);
        return PromotionPlan.of(ReleasePlan.of(release(target), baseline), JobTemplate.DEFAULT, scope);
    }

    /** Staging as deployed before this release: another resources commit and another microservice-2 tag. */
    private static String previousStaging() {
        String text = replaceOnce(STAGING, RESOURCES_COMMIT, "gitCommit: 3e1bfbd23a381c770cac57e56fb08d66c00b77ee");
        return replaceOnce(text, "sourceTag: dev_456", "sourceTag: dev_401");
    }

    private static List<String> names(PromotionPlan promotion) {
        return promotion.branches().stream().map(PromotionBranch::name).toList();
    }

    @Test
    void firstReleaseRunsEachDeploymentThenOneBranchForTheProductsImages() {
        PromotionPlan promotion = promote(STAGING, null, PromotionScope.changed());

        assertThat(names(promotion))
                .containsExactly(
                        "deploy product1/cf-edge-s3",
                        "deploy product1/lic-verf",
                        "deploy product1/resources",
                        "deploy product1/assets",
                        "deploy product1/portal",
                        "deploy product1/apigw-main",
                        "images product1");
        assertThat(promotion.branches().stream().limit(6).map(PromotionBranch::job))
                .containsExactly(
                        "release-jobs/lambda-job",
                        "release-jobs/lambda-job",
                        "release-jobs/s3-upload-resources",
                        "release-jobs/s3-upload-public-assets",
                        "release-jobs/s3-upload-portal",
                        "release-jobs/api-gw-deploy");
        PromotionBranch images = promotion.branches().get(6);
        assertThat(images.kind()).isEqualTo(PromotionBranch.Kind.IMAGES);
        assertThat(images.artifacts().stream().map(PlannedArtifact::id))
                .containsExactly(
                        "product1/image/product1/microservice-1",
                        "product1/image/product1/microservice-2",
                        "product1/image/product1/microservice-3");
        assertThat(promotion.skipped()).isEmpty();
    }

    @Test
    void deploymentBranchPassesTheReleaseContextAsJobParametersInOrder() {
        Release release = release(STAGING);
        PromotionPlan promotion = promote(STAGING, null, PromotionScope.changed());

        Map<String, Object> branch = promotion.branches().get(2).toMap();

        assertThat(branch)
                .containsEntry("name", "deploy product1/resources")
                .containsEntry("kind", "deployment")
                .containsEntry("product", "product1")
                .containsEntry("artifactIds", List.of("product1/deploy/resources"))
                .containsEntry("change", "added")
                .containsEntry("workflowBase", "s3-upload-resources")
                .containsEntry("job", "release-jobs/s3-upload-resources");
        Map<String, String> context =
                ReleaseContext.of(release, (io.jenkins.plugins.releasetrain.manifest.DeploymentArtifact)
                        release.artifact("product1/deploy/resources").orElseThrow());
        assertThat(branch.get("context")).isEqualTo(context);
        assertThat(branch.get("parameters"))
                .isEqualTo(context.entrySet().stream()
                        .map(e -> Map.of("name", e.getKey(), "value", e.getValue()))
                        .toList());
    }

    @Test
    void skipsUnchangedArtifactsUnlessAll() {
        PromotionPlan promotion = promote(STAGING, previousStaging(), PromotionScope.changed());

        assertThat(names(promotion)).containsExactly("deploy product1/resources", "images product1");
        assertThat(promotion.branches().get(1).artifacts().stream().map(PlannedArtifact::id))
                .containsExactly("product1/image/product1/microservice-2");
        assertThat(promotion.skipped())
                .hasSize(7)
                .allSatisfy(s -> assertThat(s.reason()).isEqualTo("unchanged"));

        PromotionPlan all = promote(STAGING, previousStaging(), PromotionScope.all());

        assertThat(all.branches()).hasSize(7);
        assertThat(all.branches().get(6).artifacts()).hasSize(3);
        assertThat(all.skipped()).isEmpty();
    }

    @Test
    void runsUnchangedImagesARollbackMustMoveBackAndStillSkipsTheOtherUnchangedArtifacts() {
        PromotionPlan rollback = promote(
                STAGING,
                previousStaging(),
                PromotionScope.changed().withAlwaysRun(Set.of("product1/image/product1/microservice-1")));

        assertThat(names(rollback)).containsExactly("deploy product1/resources", "images product1");
        assertThat(rollback.branches().get(1).artifacts().stream().map(PlannedArtifact::id))
                .containsExactly("product1/image/product1/microservice-1", "product1/image/product1/microservice-2");
        assertThat(rollback.skipped())
                .hasSize(6)
                .allSatisfy(s -> assertThat(s.reason()).isEqualTo("unchanged"));
    }

    @Test
    void resumeLeavesOutArtifactsThatAlreadySucceededForThisRelease() {
        PromotionPlan promotion = promote(
                STAGING,
                null,
                PromotionScope.resume(Set.of("product1/deploy/cf-edge-s3", "product1/image/product1/microservice-1")));

        assertThat(names(promotion))
                .doesNotContain("deploy product1/cf-edge-s3")
                .contains("images product1");
        assertThat(promotion.branches().get(5).artifacts()).hasSize(2);
        assertThat(promotion.skipped())
                .extracting(s -> s.artifact().id() + " " + s.reason())
                .containsExactly(
                        "product1/deploy/cf-edge-s3 succeeded", "product1/image/product1/microservice-1 succeeded");
    }

    @Test
    void nothingToRunWhenEveryArtifactIsAlreadyDeployed() {
        PromotionPlan promotion = promote(STAGING, STAGING, PromotionScope.changed());

        assertThat(promotion.branches()).isEmpty();
        assertThat(promotion.describe()).contains("nothing to run");
    }

    @Test
    void removedArtifactsAreReportedByThePlanButNeitherRunNorSkipped() {
        String withoutApiGateway = replaceOnce(STAGING, """
                      - gitRepoName: main-aws-api-gateway-swagger
                        gitRepoShortName: apigw-main
                        gitCommit: d3398bdb6dffb94a0a9c8dc5eb54bf01e6abd952
                        workflowBase: api-gw-deploy
                        deployTarget: apigw
                """, "");

        PromotionPlan promotion = promote(withoutApiGateway, STAGING, PromotionScope.all());

        assertThat(promotion.plan().count(ChangeKind.REMOVED)).isEqualTo(1);
        assertThat(names(promotion)).hasSize(6).doesNotContain("deploy product1/apigw-main");
        assertThat(promotion.skipped()).isEmpty();
    }

    @Test
    void ordersBranchesProductByProductInManifestOrder() {
        PromotionPlan promotion = promote(STAGING + PRODUCT2, null, PromotionScope.changed());

        assertThat(names(promotion))
                .endsWith("images product1", "deploy product2/billing", "images product2")
                .doesNotHaveDuplicates();
    }

    @Test
    void usesTheGivenJobTemplate() {
        PromotionPlan promotion = PromotionPlan.of(
                ReleasePlan.of(release(STAGING), Optional.empty()),
                new JobTemplate("/deploy/${workflowBase}-prod"),
                PromotionScope.changed());

        assertThat(promotion.branches().get(0).job()).isEqualTo("/deploy/lambda-job-prod");
    }

    @Test
    void mapIsThePlanPlusBranchesSkippedAndTextInPlainValues() {
        PromotionPlan promotion = promote(STAGING, previousStaging(), PromotionScope.changed());

        Map<String, Object> map = promotion.toMap();

        assertThat(map)
                .containsKeys("environment", "releaseId", "summary", "products", "artifacts")
                .containsEntry("jobTemplate", "release-jobs/${workflowBase}")
                .containsEntry("all", false)
                .containsEntry("resume", false)
                .containsEntry("text", promotion.describe());
        assertThat((List<?>) map.get("branches")).hasSize(2);
        assertThat((List<?>) map.get("skipped"))
                .first()
                .isEqualTo(Map.of(
                        "artifactId", "product1/deploy/cf-edge-s3",
                        "product", "product1",
                        "kind", "deploy",
                        "reason", "unchanged"));
        assertPlain(map);
    }

    @Test
    void describesThePlanForTheBuildLog() {
        PromotionPlan promotion = promote(STAGING, previousStaging(), PromotionScope.changed());

        assertThat(promotion.describe())
                .startsWith("Release " + promotion.release().id().shortForm() + " for staging-us-east-2, compared"
                        + " with deployed release "
                        + release(previousStaging()).id().shortForm() + "\n")
                .contains("  0 added, 2 changed, 7 unchanged, 0 removed\n")
                .contains("  deploy product1/resources  release-jobs/s3-upload-resources (changed)\n")
                .contains("  images product1            1 image (1 changed)\n")
                .contains("  skip product1/deploy/cf-edge-s3 (unchanged)\n");
    }

    @Test
    void allAndResumeCannotBeCombined() {
        assertThatThrownBy(() -> new PromotionScope(false, false, Set.of("product1/deploy/cf-edge-s3")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("only left out when resuming");
        assertThatThrownBy(() -> PromotionScope.of(true, true, Set.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("either 'all'");
    }

    @Test
    void scopeFollowsTheSwitches() {
        Set<String> done = Set.of("product1/deploy/cf-edge-s3");

        assertThat(PromotionScope.of(false, false, done)).isEqualTo(PromotionScope.changed());
        assertThat(PromotionScope.of(true, false, done)).isEqualTo(PromotionScope.all());
        assertThat(PromotionScope.of(false, true, done)).isEqualTo(PromotionScope.resume(done));
    }

    @Test
    void aPlanAgainstTheLedgersLiveArtifactsSaysSoAndAFirstOneSaysNothingIsDeployed() {
        Release target = release(STAGING);
        PromotionPlan first = PromotionPlan.of(
                ReleasePlan.of(target, DeployedArtifacts.none()), JobTemplate.DEFAULT, PromotionScope.changed());
        PromotionPlan next = PromotionPlan.of(
                ReleasePlan.of(target, DeployedArtifacts.of(release(previousStaging()))),
                JobTemplate.DEFAULT,
                PromotionScope.changed());

        assertThat(first.describe())
                .startsWith("Release " + target.id().shortForm()
                        + " for staging-us-east-2, nothing recorded as deployed\n");
        assertThat(next.describe())
                .startsWith("Release " + target.id().shortForm()
                        + " for staging-us-east-2, compared with what the ledger records as live\n");
    }

    private static void assertPlain(Object value) {
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                assertThat(k).isInstanceOf(String.class);
                assertPlain(v);
            });
        } else if (value instanceof List<?> list) {
            list.forEach(PromotionPlanTest::assertPlain);
        } else if (value != null) {
            assertThat(value).isInstanceOfAny(String.class, Boolean.class, Integer.class, Long.class);
        }
    }
}
