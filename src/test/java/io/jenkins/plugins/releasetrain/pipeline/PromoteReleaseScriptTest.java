package io.jenkins.plugins.releasetrain.pipeline;

import static io.jenkins.plugins.releasetrain.testing.Fixtures.exampleText;
import static io.jenkins.plugins.releasetrain.testing.Fixtures.replaceOnce;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import groovy.lang.Closure;
import groovy.lang.GroovyClassLoader;
import groovy.lang.GroovyObject;
import io.jenkins.plugins.releasetrain.approval.Approvers;
import io.jenkins.plugins.releasetrain.approval.DateRangeFreeze;
import io.jenkins.plugins.releasetrain.approval.HotfixLane;
import io.jenkins.plugins.releasetrain.approval.ProtectionRule;
import io.jenkins.plugins.releasetrain.approval.ReleaseAuthor;
import io.jenkins.plugins.releasetrain.approval.RollbackRule;
import io.jenkins.plugins.releasetrain.image.RegistryChoice.NamedRegistry;
import io.jenkins.plugins.releasetrain.image.TestImages;
import io.jenkins.plugins.releasetrain.image.layout.OciLayoutRegistry;
import io.jenkins.plugins.releasetrain.ledger.ApprovalRecorded;
import io.jenkins.plugins.releasetrain.ledger.ArtifactResult;
import io.jenkins.plugins.releasetrain.ledger.ArtifactStatus;
import io.jenkins.plugins.releasetrain.ledger.EnvironmentLedger;
import io.jenkins.plugins.releasetrain.ledger.ReleaseRun;
import io.jenkins.plugins.releasetrain.ledger.ReleaseStatus;
import io.jenkins.plugins.releasetrain.ledger.ReleaseVerified;
import io.jenkins.plugins.releasetrain.manifest.DeploymentArtifact;
import io.jenkins.plugins.releasetrain.manifest.ManifestLoader;
import io.jenkins.plugins.releasetrain.manifest.Release;
import io.jenkins.plugins.releasetrain.pipeline.RecordingPipeline.Aborted;
import io.jenkins.plugins.releasetrain.pipeline.RecordingPipeline.StepFailure;
import io.jenkins.plugins.releasetrain.plan.ReleaseContext;
import io.jenkins.plugins.releasetrain.testing.Fixtures;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drives the {@code promoteRelease} Groovy, as shipped in the plugin, with a recording stand-in for the
 * Pipeline script, and checks the steps it calls and what ends up in the ledger. The JenkinsRule tests of the
 * plugin build run the same script in real Jenkins.
 */
class PromoteReleaseScriptTest {

    private static final Path SCRIPT = Fixtures.projectRoot()
            .resolve("src/main/resources/io/jenkins/plugins/releasetrain/jenkins/PromoteRelease.groovy");
    private static final String STAGING = exampleText("staging-us-east-2.yaml");
    private static final String IMAGES = """
                images:
                  - repoName: product1/microservice-1
                    sourceTag: dev_123
                  - repoName: product1/microservice-2
                    sourceTag: dev_456
                  - repoName: product1/microservice-3
                    sourceTag: dev_789
            """;
    private static final String DEPLOYMENTS_ONLY = replaceOnce(STAGING, IMAGES, "");
    private static final String MANIFEST = "releases/staging-us-east-2.yaml";
    private static final String DEPLOYED = "deployed/staging-us-east-2.yaml";
    private static final String ENVIRONMENT = "staging-us-east-2";

    /** Two distinct release leads must approve; authors and whoever started the release may not. */
    private static final ProtectionRule TWO_LEADS =
            ProtectionRule.protecting("staging", "staging-*").withApprovals(2, Approvers.groups("release-leads"));

    private static GroovyClassLoader loader;
    private static Class<?> promoteRelease;

    @TempDir
    Path workspace;

    @TempDir
    Path ledgerDirectory;

    @TempDir
    Path images;

    private RecordingPipeline pipeline;

    @BeforeAll
    static void loadScript() throws IOException {
        loader = new GroovyClassLoader(PromoteReleaseScriptTest.class.getClassLoader());
        promoteRelease = loader.parseClass(SCRIPT.toFile());
    }

    @AfterAll
    static void closeLoader() throws IOException {
        loader.close();
    }

    @BeforeEach
    void newPipeline() {
        pipeline = new RecordingPipeline(workspace, ledgerDirectory, 7);
    }

    private void write(String file, String text) throws IOException {
        Path path = workspace.resolve(file);
        Files.createDirectories(path.getParent());
        Files.writeString(path, text, StandardCharsets.UTF_8);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> promote(RecordingPipeline on, Map<String, Object> args)
            throws ReflectiveOperationException {
        GroovyObject script =
                (GroovyObject) promoteRelease.getConstructor(Object.class).newInstance(on);
        return (Map<String, Object>) script.invokeMethod("call", new Object[] {new LinkedHashMap<>(args)});
    }

    private Map<String, Object> promote(Map<String, Object> args) throws ReflectiveOperationException {
        return promote(pipeline, args);
    }

    private static Release release(String text) {
        return new ManifestLoader().load(MANIFEST, text).release();
    }

    /** The example's three images, built into an OCI layout that the pipeline knows as its only registry. */
    private void buildImages(boolean withThirdImage) throws Exception {
        try (OciLayoutRegistry layout = new OciLayoutRegistry(images)) {
            TestImages.pushImage(layout, "product1/microservice-1", "dev_123", TestImages.Flavor.OCI, "ms1");
            TestImages.pushImage(layout, "product1/microservice-2", "dev_456", TestImages.Flavor.DOCKER, "ms2");
            if (withThirdImage) {
                TestImages.pushImage(layout, "product1/microservice-3", "dev_789", TestImages.Flavor.OCI, "ms3");
            }
        }
        pipeline.configureRegistries(new NamedRegistry("local", "oci-layout:" + images, null, false));
    }

    private EnvironmentLedger ledger() {
        return pipeline.ledger().read(ENVIRONMENT);
    }

    private ReleaseRun run() {
        return ledger().run(pipeline.runId()).orElseThrow();
    }

    @Test
    void promotesEachDeploymentInItsOwnParallelBranchUnderTheEnvironmentLock() throws Exception {
        write(MANIFEST, DEPLOYMENTS_ONLY);

        Map<String, Object> outcome = promote(Map.of("manifest", MANIFEST));

        assertThat(pipeline.locks).containsExactly("release-train/staging-us-east-2");
        assertThat(pipeline.steps)
                .startsWith(
                        "readReleaseManifest",
                        "lock",
                        "releasePlan",
                        "recordRelease started",
                        "releaseApproval",
                        "parallel")
                .endsWith("recordRelease finished")
                .doesNotContain("input");
        assertThat(pipeline.parallelArguments)
                .containsOnlyKeys(
                        "deploy product1/cf-edge-s3",
                        "deploy product1/lic-verf",
                        "deploy product1/resources",
                        "deploy product1/assets",
                        "deploy product1/portal",
                        "deploy product1/apigw-main");
        assertThat(pipeline.builds)
                .containsOnlyKeys(
                        "release-jobs/lambda-job",
                        "release-jobs/s3-upload-resources",
                        "release-jobs/s3-upload-public-assets",
                        "release-jobs/s3-upload-portal",
                        "release-jobs/api-gw-deploy");
        assertThat(pipeline.builds.get("release-jobs/lambda-job"))
                .extracting(p -> p.get("RELEASE_GIT_REPO_SHORT_NAME"))
                .containsExactlyInAnyOrder("cf-edge-s3", "lic-verf");
        assertThat(outcome)
                .containsEntry("environment", ENVIRONMENT)
                .containsEntry("releaseId", release(DEPLOYMENTS_ONLY).id().value())
                .containsEntry("succeeded", true)
                .containsEntry("failed", List.of())
                .containsEntry("runId", "promote-staging#7")
                .containsEntry("status", "succeeded");
        assertThat(results(outcome)).hasSize(6).allSatisfy(r -> assertThat(r).containsEntry("result", "SUCCESS"));
        assertThat(pipeline.getCurrentBuild().getDescription())
                .isEqualTo("staging-us-east-2 " + release(DEPLOYMENTS_ONLY).id().shortForm()
                        + ": 6 of 6 branches succeeded, 0 artifacts skipped");
        assertSerializable(outcome);
    }

    @Test
    void recordsTheRunEachBranchsResultAndTheEndInTheLedger() throws Exception {
        write(MANIFEST, DEPLOYMENTS_ONLY);
        pipeline.finish("release-jobs/s3-upload-portal", "FAILURE");

        assertThatThrownBy(() -> promote(Map.of("manifest", MANIFEST))).isInstanceOf(StepFailure.class);

        ReleaseRun run = run();
        assertThat(run.actor()).isEqualTo("carol");
        assertThat(run.started().details())
                .containsEntry("jenkins.job", "promote-staging")
                .containsEntry("jenkins.build", "7");
        assertThat(run.releaseId()).isEqualTo(release(DEPLOYMENTS_ONLY).id());
        assertThat(run.status()).contains(ReleaseStatus.FAILED);
        assertThat(run.results())
                .extracting(ArtifactResult::artifactId, ArtifactResult::status)
                .containsExactlyInAnyOrder(
                        tuple("product1/deploy/cf-edge-s3", ArtifactStatus.SUCCEEDED),
                        tuple("product1/deploy/lic-verf", ArtifactStatus.SUCCEEDED),
                        tuple("product1/deploy/resources", ArtifactStatus.SUCCEEDED),
                        tuple("product1/deploy/assets", ArtifactStatus.SUCCEEDED),
                        tuple("product1/deploy/portal", ArtifactStatus.FAILED),
                        tuple("product1/deploy/apigw-main", ArtifactStatus.SUCCEEDED));
        assertThat(run.result("product1/deploy/portal").orElseThrow().message())
                .isEqualTo("release-jobs/s3-upload-portal #1 finished FAILURE");
        assertThat(run.result("product1/deploy/assets").orElseThrow().message())
                .as("job and number: see PromoteReleaseWithoutRootUrlTest")
                .isEqualTo("release-jobs/s3-upload-public-assets #1 SUCCESS");
    }

    @Test
    void resumeRunsOnlyWhatDidNotSucceedAndThePlanComesFromTheLedger() throws Exception {
        write(MANIFEST, DEPLOYMENTS_ONLY);
        pipeline.finish("release-jobs/s3-upload-portal", "FAILURE");
        assertThatThrownBy(() -> promote(Map.of("manifest", MANIFEST))).isInstanceOf(StepFailure.class);

        RecordingPipeline again = new RecordingPipeline(workspace, ledgerDirectory, 8);
        Map<String, Object> outcome = promote(again, Map.of("manifest", MANIFEST, "resume", true));

        assertThat(again.builds).containsOnlyKeys("release-jobs/s3-upload-portal");
        assertThat(outcome).containsEntry("status", "succeeded").containsEntry("runId", "promote-staging#8");
        assertThat((List<?>) outcome.get("skipped")).hasSize(5);
        assertThat(again.echoes.get(0)).contains("compared with what the ledger records as live");
        ReleaseRun resumed = ledger().run(again.runId()).orElseThrow();
        assertThat(resumed.count(ArtifactStatus.UNCHANGED)).isEqualTo(5);
        assertThat(resumed.result("product1/deploy/portal").orElseThrow().status())
                .isEqualTo(ArtifactStatus.SUCCEEDED);
        assertThat(ledger().succeededArtifacts(release(DEPLOYMENTS_ONLY).id())).hasSize(6);
    }

    @Test
    void givesEachJobTheReleaseContextAsStringParametersInOrder() throws Exception {
        write(MANIFEST, DEPLOYMENTS_ONLY);

        promote(Map.of("manifest", MANIFEST));

        Release release = release(DEPLOYMENTS_ONLY);
        Map<String, String> expected = ReleaseContext.of(release, (DeploymentArtifact)
                release.artifact("product1/deploy/portal").orElseThrow());
        assertThat(pipeline.builds.get("release-jobs/s3-upload-portal")).hasSize(1);
        assertThat(new ArrayList<>(pipeline.builds
                        .get("release-jobs/s3-upload-portal")
                        .get(0)
                        .entrySet()))
                .isEqualTo(new ArrayList<>(expected.entrySet()));
    }

    @Test
    void printsThePlanBeforeRunningIt() throws Exception {
        write(MANIFEST, DEPLOYMENTS_ONLY);

        promote(Map.of("manifest", MANIFEST));

        assertThat(pipeline.echoes.get(0))
                .startsWith("Release " + release(DEPLOYMENTS_ONLY).id().shortForm() + " for staging-us-east-2")
                .contains("deploy product1/cf-edge-s3  release-jobs/lambda-job (added)");
    }

    @Test
    void imagesBranchTagsTheProductsImagesAndTheLedgerKeepsEachImagesOutcome() throws Exception {
        write(MANIFEST, STAGING);
        buildImages(true);

        Map<String, Object> outcome = promote(Map.of("manifest", MANIFEST));

        assertThat(outcome).containsEntry("succeeded", true);
        assertThat(pipeline.parallelArguments).containsKey("images product1").hasSize(7);
        assertThat(pipeline.tagArguments)
                .containsExactly(Map.of("release", release(STAGING).id().value(), "products", List.of("product1")));
        assertThat(pipeline.retries)
                .containsExactly(Map.of("count", 2, "conditions", List.of(pipeline.nonresumable())));
        assertThat(run().results())
                .filteredOn(r -> r.artifactId().contains("/image/"))
                .extracting(ArtifactResult::status)
                .containsExactly(ArtifactStatus.SUCCEEDED, ArtifactStatus.SUCCEEDED, ArtifactStatus.SUCCEEDED);
        assertThat(run().result("product1/image/product1/microservice-1")
                        .orElseThrow()
                        .message())
                .startsWith("tagged product1/microservice-1:dev_123 -> product1/microservice-1:stage_us_123 sha256:");
    }

    @Test
    void imagesAlreadyTaggedAreRecordedUnchangedWhenTheReleaseRunsAgain() throws Exception {
        write(MANIFEST, STAGING);
        buildImages(true);
        promote(Map.of("manifest", MANIFEST));

        RecordingPipeline again = new RecordingPipeline(workspace, ledgerDirectory, 8);
        again.configureRegistries(new NamedRegistry("local", "oci-layout:" + images, null, false));
        promote(again, Map.of("manifest", MANIFEST, "all", true));

        assertThat(ledger().run(again.runId()).orElseThrow().results())
                .filteredOn(r -> r.artifactId().contains("/image/"))
                .extracting(ArtifactResult::status)
                .containsOnly(ArtifactStatus.UNCHANGED);
    }

    @Test
    void taggingCutShortByARestartRunsAgainUnderRetry() throws Exception {
        write(MANIFEST, STAGING);
        buildImages(true);
        pipeline.restartDuringFirstTagging();

        Map<String, Object> outcome = promote(Map.of("manifest", MANIFEST));

        assertThat(outcome).containsEntry("succeeded", true);
        assertThat(pipeline.steps.stream().filter("tagImages"::equals)).hasSize(2);
        assertThat(run().count(ArtifactStatus.SUCCEEDED)).isEqualTo(9);
    }

    @Test
    void anImageThatCannotBeTaggedFailsItsBranchAndOnlyItself() throws Exception {
        write(MANIFEST, STAGING);
        buildImages(false);

        assertThatThrownBy(() -> promote(Map.of("manifest", MANIFEST)))
                .isInstanceOf(StepFailure.class)
                .hasMessage("Release of staging-us-east-2 failed in: images product1");

        assertThat(String.join("\n", pipeline.echoes))
                .contains("  FAILURE  images product1  3 images: 2 tagged, 0 unchanged, 1 failed in ")
                .contains("; not tagged: product1/image/product1/microservice-3");
        assertThat(run().results())
                .filteredOn(r -> r.artifactId().contains("/image/"))
                .extracting(ArtifactResult::status)
                .containsExactly(ArtifactStatus.SUCCEEDED, ArtifactStatus.SUCCEEDED, ArtifactStatus.FAILED);
        assertThat(run().result("product1/image/product1/microservice-3")
                        .orElseThrow()
                        .message())
                .contains("not found");
    }

    @Test
    void anAuthorIsRefusedThenTwoDistinctLeadsLetTheReleaseThrough() throws Exception {
        write(MANIFEST, DEPLOYMENTS_ONLY);
        pipeline.protect(TWO_LEADS);
        pipeline.authoredBy(
                ReleaseAuthor.author("alice", "alice@example.com", "1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d"));
        for (String lead : List.of("alice", "bob", "dana")) {
            pipeline.member(lead, "release-leads");
        }
        pipeline.answer("alice", "approve", "mine, but fine");
        pipeline.answer("bob", "approve", "lgtm");
        pipeline.answer("bob", "approve", "still lgtm");
        pipeline.answer("dana", "approve", "");

        Map<String, Object> outcome = promote(Map.of("manifest", MANIFEST));

        assertThat(outcome).containsEntry("succeeded", true);
        assertThat(pipeline.prompts).hasSize(4);
        String id = "Release-" + release(DEPLOYMENTS_ONLY).id().shortForm();
        assertThat(pipeline.prompts)
                .extracting(p -> p.get("id"))
                .containsExactly(id + "-1", id + "-2", id + "-3", id + "-4");
        Map<String, Object> first = pipeline.prompts.get(0);
        assertThat(first).containsEntry("submitter", "release-leads").containsEntry("submitterParameter", "approver");
        assertThat((String) first.get("message"))
                .contains("It needs 2 approvals (2 required) from a member of release-leads")
                .contains("deploy product1/portal");
        assertThat((List<?>) first.get("parameters"))
                .extracting(p -> ((Map<?, ?>) p).get("$symbol"), p -> ((Map<?, ?>) p).get("name"))
                .containsExactly(tuple("choice", "decision"), tuple("text", "comment"));
        assertThat(((Map<?, ?>) ((List<?>) first.get("parameters")).get(0)).get("choices"))
                .isEqualTo(List.of("approve", "reject"));
        assertThat(standings()).containsExactly("author", "counts", "duplicate", "counts");
        assertThat(pipeline.echoes).anySatisfy(e -> assertThat(e).startsWith("alice cannot approve"));
        List<String> steps = pipeline.steps;
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).equals("input")) {
                assertThat(steps.get(i + 1)).isEqualTo("recordApproval");
            }
        }
        assertThat(ledger().approvals(release(DEPLOYMENTS_ONLY).id()))
                .extracting(ApprovalRecorded::actor)
                .containsExactly("bob", "bob", "dana");
        assertThat(pipeline.steps.indexOf("parallel")).isGreaterThan(pipeline.steps.lastIndexOf("recordApproval"));
    }

    @Test
    void whoeverStartedTheReleaseCannotApproveIt() throws Exception {
        write(MANIFEST, DEPLOYMENTS_ONLY);
        pipeline.protect(ProtectionRule.protecting("staging", "staging-*").withApprovals(1, Approvers.groups("leads")));
        pipeline.startedBy("bob");
        pipeline.member("bob", "leads");
        pipeline.member("dana", "leads");
        pipeline.answer("bob", "approve", "");
        pipeline.answer("dana", "approve", "");

        promote(Map.of("manifest", MANIFEST));

        assertThat(standings()).containsExactly("triggering-user", "counts");
    }

    @Test
    void aRejectionStopsTheReleaseBeforeAnythingRuns() throws Exception {
        write(MANIFEST, DEPLOYMENTS_ONLY);
        pipeline.protect(TWO_LEADS);
        pipeline.member("bob", "release-leads");
        pipeline.answer("bob", "reject", "breaks checkout");

        assertThatThrownBy(() -> promote(Map.of("manifest", MANIFEST)))
                .isInstanceOf(StepFailure.class)
                .hasMessageContaining("bob rejected it at")
                .hasMessageContaining("breaks checkout");

        assertThat(pipeline.steps).doesNotContain("parallel").endsWith("recordRelease finished");
        assertThat(pipeline.builds).isEmpty();
        assertThat(run().status()).contains(ReleaseStatus.CANCELLED);
        assertThat(run().results()).isEmpty();
    }

    @Test
    void aFrozenEnvironmentIsRefusedWithoutAskingAnybody() throws Exception {
        write(MANIFEST, DEPLOYMENTS_ONLY);
        pipeline.protect(TWO_LEADS.withFreezeWindows(new DateRangeFreeze(
                "migration", LocalDateTime.of(2000, 1, 1, 0, 0), LocalDateTime.of(2100, 1, 1, 0, 0), ZoneOffset.UTC)));

        assertThatThrownBy(() -> promote(Map.of("manifest", MANIFEST)))
                .isInstanceOf(StepFailure.class)
                .hasMessageContaining("cannot run in staging-us-east-2 now: it is frozen")
                .hasMessageContaining("'migration'");

        assertThat(pipeline.steps).doesNotContain("input", "parallel");
        assertThat(run().status()).contains(ReleaseStatus.CANCELLED);
    }

    @Test
    void anUnprotectedEnvironmentAsksNobody() throws Exception {
        write(MANIFEST, DEPLOYMENTS_ONLY);
        pipeline.protect(ProtectionRule.protecting("production", "production-*")
                .withApprovals(2, Approvers.groups("release-leads")));

        promote(Map.of("manifest", MANIFEST));

        assertThat(pipeline.steps).contains("releaseApproval", "parallel").doesNotContain("input");
    }

    @Test
    void anAnswerWithoutADecisionApprovesNothing() throws Exception {
        write(MANIFEST, DEPLOYMENTS_ONLY);
        pipeline.protect(TWO_LEADS);
        pipeline.member("bob", "release-leads");
        pipeline.answer("bob", null, "clicked Submit");

        assertThatThrownBy(() -> promote(Map.of("manifest", MANIFEST)))
                .isInstanceOf(StepFailure.class)
                .hasMessageContaining("has no decision");

        assertThat(ledger().approvals(release(DEPLOYMENTS_ONLY).id())).isEmpty();
        assertThat(pipeline.builds).isEmpty();
        assertThat(run().status()).contains(ReleaseStatus.CANCELLED);
    }

    @Test
    void whatIsApprovedAndRunIsTheManifestAsReadNotWhatTheWorkspaceHoldsAfterwards() throws Exception {
        write(MANIFEST, DEPLOYMENTS_ONLY);
        pipeline.protect(ProtectionRule.protecting("staging", "staging-*").withApprovals(1, Approvers.groups("leads")));
        pipeline.member("bob", "leads");
        pipeline.answer("bob", "approve", "lgtm");
        String swapped = replaceOnce(
                DEPLOYMENTS_ONLY,
                "d3398bdb6dffb94a0a9c8dc5eb54bf01e6abd952",
                "5e1c2a9b7d3f4e6a8b0c1d2e3f4a5b6c7d8e9f01");
        // While bob reads the prompt, something else in the build rewrites the manifest file.
        pipeline.whileAsked(() -> {
            try {
                write(MANIFEST, swapped);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });

        Map<String, Object> outcome = promote(Map.of("manifest", MANIFEST));

        assertThat(outcome)
                .containsEntry("releaseId", release(DEPLOYMENTS_ONLY).id().value());
        assertThat(ledger().approvals(release(DEPLOYMENTS_ONLY).id())).hasSize(1);
        assertThat(ledger().approvals(release(swapped).id())).isEmpty();
        assertThat(run().results())
                .extracting(ArtifactResult::artifactId)
                .doesNotContain("product1/deploy/portal-evil");
    }

    @Test
    void abortingThePromptRecordsACancelledRun() throws Exception {
        write(MANIFEST, DEPLOYMENTS_ONLY);
        pipeline.protect(TWO_LEADS);
        pipeline.answer("bob", "abort", "");

        // Plain Groovy wraps the checked exception on its way out of the lock's closure; CPS does not.
        assertThatThrownBy(() -> promote(Map.of("manifest", MANIFEST)))
                .satisfiesAnyOf(
                        e -> assertThat(e).isInstanceOf(Aborted.class),
                        e -> assertThat(e).hasRootCauseInstanceOf(Aborted.class));

        assertThat(pipeline.steps).endsWith("input", "recordRelease finished");
        assertThat(run().status()).contains(ReleaseStatus.CANCELLED);
    }

    @Test
    void skipsArtifactsAlreadyDeployedAccordingToTheDeployedManifest() throws Exception {
        write(MANIFEST, STAGING);
        write(
                DEPLOYED,
                replaceOnce(
                        STAGING,
                        "gitCommit: 4f545ec8f09c81ac645926f755ba13f46434f636",
                        "gitCommit: 3e1bfbd23a381c770cac57e56fb08d66c00b77ee"));

        Map<String, Object> outcome = promote(Map.of("manifest", MANIFEST, "against", DEPLOYED));

        assertThat(pipeline.parallelArguments).containsOnlyKeys("deploy product1/resources");
        assertThat(pipeline.builds).containsOnlyKeys("release-jobs/s3-upload-resources");
        assertThat((List<?>) outcome.get("skipped")).hasSize(8);
        assertThat(pipeline.getCurrentBuild().getDescription())
                .endsWith(": 1 of 1 branches succeeded, 8 artifacts skipped");
        assertThat(run().count(ArtifactStatus.UNCHANGED)).isEqualTo(8);
    }

    @Test
    void allRunsUnchangedArtifactsAgain() throws Exception {
        write(MANIFEST, DEPLOYMENTS_ONLY);
        write(DEPLOYED, DEPLOYMENTS_ONLY);

        promote(Map.of("manifest", MANIFEST, "against", DEPLOYED, "all", true));

        assertThat(pipeline.planArguments.get(0)).containsEntry("all", true);
        assertThat(pipeline.parallelArguments).hasSize(6);
    }

    @Test
    void runsNothingWhenEverythingIsAlreadyDeployed() throws Exception {
        write(MANIFEST, STAGING);
        write(DEPLOYED, STAGING);

        Map<String, Object> outcome = promote(Map.of("manifest", MANIFEST, "against", DEPLOYED));

        assertThat(pipeline.steps).doesNotContain("parallel");
        assertThat(outcome).containsEntry("succeeded", true).containsEntry("results", List.of());
        assertThat(pipeline.getCurrentBuild().getDescription())
                .endsWith(": 0 of 0 branches succeeded, 9 artifacts skipped");
    }

    @Test
    void forwardsResumeAndTheJobTemplateToThePlan() throws Exception {
        write(MANIFEST, DEPLOYMENTS_ONLY);

        promote(Map.of("manifest", MANIFEST, "resume", true, "jobTemplate", "deploy/${workflowBase}-staging"));

        // Read once, then named by id: the plan is of the content that was read, whatever the workspace holds later.
        assertThat(pipeline.planArguments)
                .containsExactly(Map.of(
                        "release",
                        release(DEPLOYMENTS_ONLY).id().value(),
                        "resume",
                        true,
                        "jobTemplate",
                        "deploy/${workflowBase}-staging"));
        assertThat(pipeline.builds).containsKey("deploy/lambda-job-staging").hasSize(5);
    }

    @Test
    void reportsTheFailedBranchAndStillRunsTheOthers() throws Exception {
        write(MANIFEST, DEPLOYMENTS_ONLY);
        pipeline.finish("release-jobs/s3-upload-portal", "FAILURE");

        assertThatThrownBy(() -> promote(Map.of("manifest", MANIFEST)))
                .isInstanceOf(StepFailure.class)
                .hasMessage("Release of staging-us-east-2 failed in: deploy product1/portal");

        assertThat(pipeline.branchesStarted).hasSize(6);
        assertThat(String.join("\n", pipeline.echoes))
                // Branches run at once, as in Jenkins: which of the two lambda-job runs is #1 is not fixed.
                .containsPattern("  SUCCESS  deploy product1/cf-edge-s3  release-jobs/lambda-job #[12]\n")
                .contains("  FAILURE  deploy product1/portal  release-jobs/s3-upload-portal #1"
                        + "  release-jobs/s3-upload-portal #1 finished FAILURE");
        assertThat(pipeline.getCurrentBuild().getDescription())
                .endsWith(": 5 of 6 branches succeeded, 0 artifacts skipped");
    }

    @Test
    void failFastStopsTheOtherBranchesAndEveryArtifactIsRecordedOnceWithWhyItStopped() throws Exception {
        write(MANIFEST, DEPLOYMENTS_ONLY);
        pipeline.finish("release-jobs/lambda-job", "UNSTABLE");

        assertThatThrownBy(() -> promote(Map.of("manifest", MANIFEST, "failFast", true)))
                .isInstanceOf(StepFailure.class)
                .hasMessageStartingWith("Release of staging-us-east-2 failed in: ");

        // In Jenkins every branch starts before any finishes and the first failure stops the others wherever they
        // are; run one after another (as the CPS check's sequential mode does), the rest never start. Either way
        // every artifact is recorded once.
        assertThat(pipeline.parallelArguments).containsEntry("failFast", true);
        assertThat(pipeline.branchesStarted).isNotEmpty();
        ReleaseRun run = run();
        List<String> artifacts =
                release(DEPLOYMENTS_ONLY).artifacts().stream().map(a -> a.id()).toList();
        assertThat(run.results()).extracting(ArtifactResult::artifactId).containsExactlyInAnyOrderElementsOf(artifacts);
        assertThat(run.results())
                .filteredOn(r -> r.status() == ArtifactStatus.FAILED)
                .isNotEmpty()
                .allSatisfy(r -> assertThat(r.message())
                        .satisfiesAnyOf(
                                m -> assertThat(m).contains("finished UNSTABLE"),
                                m -> assertThat(m).startsWith("stopped because branch deploy product1/")));
        assertThat(run.results())
                .filteredOn(r -> r.message() != null && r.message().startsWith("stopped"))
                .allSatisfy(r -> assertThat(r.message()).doesNotContain("Exception"));
        assertThat(run.status()).contains(ReleaseStatus.FAILED);
    }

    @Test
    void aBranchInterruptedAfterItsRecordWasWrittenIsRecordedOnce() throws Exception {
        write(MANIFEST, DEPLOYMENTS_ONLY);
        pipeline.finish("release-jobs/s3-upload-portal", "FAILURE");
        pipeline.interruptAfterRecording("product1/deploy/apigw-main");

        assertThatThrownBy(() -> promote(Map.of("manifest", MANIFEST, "failFast", true)))
                .isInstanceOf(StepFailure.class);

        List<ArtifactResult> written = ledger().entries().stream()
                .map(e -> e.record())
                .filter(r -> r instanceof ArtifactResult)
                .map(r -> (ArtifactResult) r)
                .filter(r -> r.artifactId().equals("product1/deploy/apigw-main"))
                .toList();
        assertThat(written).hasSize(1);
        assertThat(ledger().entries().stream()
                        .map(e -> e.record())
                        .filter(r -> r instanceof ArtifactResult)
                        .map(r -> ((ArtifactResult) r).artifactId()))
                .doesNotHaveDuplicates()
                .hasSize(6);
    }

    @Test
    void withoutFailFastParallelGetsOnlyTheBranches() throws Exception {
        write(MANIFEST, DEPLOYMENTS_ONLY);

        promote(Map.of("manifest", MANIFEST));

        assertThat(pipeline.parallelArguments).doesNotContainKey("failFast");
    }

    @Test
    void handlerClosureRunsItsDeploymentsInsteadOfAJob() throws Exception {
        write(MANIFEST, DEPLOYMENTS_ONLY);
        List<Map<String, Object>> handled = new ArrayList<>();
        Closure<Object> lambdaHandler = new Closure<Object>(this) {
            @SuppressWarnings("unused")
            public Object doCall(Map<String, Object> context) {
                handled.add(context);
                return null;
            }
        };

        Map<String, Object> outcome =
                promote(Map.of("manifest", MANIFEST, "handlers", Map.of("lambda-job", lambdaHandler)));

        assertThat(handled)
                .extracting(c -> c.get("RELEASE_ARTIFACT_ID"))
                .containsExactlyInAnyOrder("product1/deploy/cf-edge-s3", "product1/deploy/lic-verf");
        assertThat(handled.get(0)).containsEntry("RELEASE_ENVIRONMENT", ENVIRONMENT);
        assertThat(pipeline.builds).doesNotContainKey("release-jobs/lambda-job").hasSize(4);
        assertThat(results(outcome))
                .filteredOn(r -> "lambda-job".equals(r.get("handler")))
                .hasSize(2);
        assertThat(run().result("product1/deploy/lic-verf").orElseThrow().message())
                .isEqualTo("deployed by the lambda-job handler of the Pipeline");
        // The release record says which handler or build deployed each artifact.
        assertThat(run().result("product1/deploy/lic-verf").orElseThrow().details())
                .containsEntry(ArtifactResult.HANDLER, "lambda-job")
                .doesNotContainKey(ArtifactResult.BUILD);
        assertThat(run().result("product1/deploy/portal").orElseThrow().details())
                .containsOnlyKeys(ArtifactResult.BUILD)
                .hasEntrySatisfying(
                        ArtifactResult.BUILD, b -> assertThat(b).matches("release-jobs/s3-upload-portal #\\d+"));
    }

    @Test
    void failingHandlerFailsItsBranchWithItsMessage() throws Exception {
        write(MANIFEST, DEPLOYMENTS_ONLY);
        Closure<Object> failing = new Closure<Object>(this) {
            @SuppressWarnings("unused")
            public Object doCall(Map<String, Object> context) {
                throw new IllegalStateException("lambda " + context.get("RELEASE_GIT_REPO") + " did not update");
            }
        };

        assertThatThrownBy(() -> promote(Map.of("manifest", MANIFEST, "handlers", Map.of("lambda-job", failing))))
                .hasMessage(
                        "Release of staging-us-east-2 failed in: deploy product1/cf-edge-s3, deploy product1/lic-verf");

        assertThat(String.join("\n", pipeline.echoes))
                .contains("  FAILURE  deploy product1/cf-edge-s3  lambda cloudfront-edge-s3-lambda did not update");
    }

    @Test
    void invalidManifestFailsBeforeTakingTheLock() throws Exception {
        write(MANIFEST, replaceOnce(DEPLOYMENTS_ONLY, "releaseVersion: 1.9.0", "releaseVersion: v1.9"));

        assertThatThrownBy(() -> promote(Map.of("manifest", MANIFEST)))
                .isInstanceOf(StepFailure.class)
                .hasMessageContaining(MANIFEST + ":8:21: error:");

        assertThat(pipeline.steps).containsExactly("readReleaseManifest");
    }

    @Test
    void refusesUnknownParametersAndAMissingManifest() {
        assertThatThrownBy(() -> promote(Map.of("manifest", MANIFEST, "failfast", true)))
                .hasMessage("promoteRelease does not know the parameter failfast; it takes manifest, release, against,"
                        + " jobTemplate, resume, all, failFast, handlers, registry, credentialsId, verify, verifyJob,"
                        + " verifyAttempts, verifyTimeout, onEvent, hotfix, dropHotfix");
        assertThatThrownBy(() -> promote(Map.of("manifest", MANIFEST, "verify", "./smoke.sh")))
                .hasMessageStartingWith("promoteRelease verify: is a closure");
        assertThatThrownBy(() -> promote(Map.of("manifest", MANIFEST, "verifyAttempts", 3)))
                .hasMessageStartingWith("promoteRelease verifyAttempts: and verifyTimeout: need verify:");
        assertThatThrownBy(() -> promote(
                        Map.of("manifest", MANIFEST, "verify", ScriptedVerification.passing(), "verifyAttempts", 11)))
                .hasMessage("promoteRelease verifyAttempts: is how many times the verification may run, 1 to 10");
        assertThatThrownBy(() -> promote(Map.of("against", DEPLOYED)))
                .hasMessageStartingWith("promoteRelease needs either manifest:");
        assertThatThrownBy(() -> promote(Map.of("manifest", MANIFEST, "handlers", Map.of("lambda-job", "echo hi"))))
                .hasMessage("promoteRelease handler for lambda-job is not a closure");
        assertThat(pipeline.steps).isEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void verificationRunsUnderTheLockAfterTheRunFinishedAndItsVerdictIsRecorded() throws Exception {
        write(MANIFEST, DEPLOYMENTS_ONLY);
        ScriptedVerification verify = ScriptedVerification.passing();

        Map<String, Object> outcome = promote(Map.of("manifest", MANIFEST, "verify", verify));

        assertThat(pipeline.steps).endsWith("recordRelease finished", "recordRelease verified");
        assertThat(verify.calls()).hasSize(1);
        Map<String, Object> context = verify.calls().get(0);
        assertThat(context)
                .containsOnlyKeys("environment", "releaseId", "runId", "changedArtifacts")
                .containsEntry("environment", ENVIRONMENT)
                .containsEntry("releaseId", release(DEPLOYMENTS_ONLY).id().value())
                .containsEntry("runId", "promote-staging#7");
        assertThat((List<Object>) context.get("changedArtifacts"))
                .containsExactlyInAnyOrder(
                        "product1/deploy/cf-edge-s3",
                        "product1/deploy/lic-verf",
                        "product1/deploy/resources",
                        "product1/deploy/assets",
                        "product1/deploy/portal",
                        "product1/deploy/apigw-main");
        ReleaseVerified verified = ledger().verification(pipeline.runId()).orElseThrow();
        assertThat(verified.passed()).isTrue();
        assertThat(verified.attempts()).isEqualTo(1);
        assertThat(verified.message()).isEqualTo("passed");
        assertThat(verified.output()).isEqualTo(ScriptedVerification.OUTPUT);
        assertThat(verification(outcome))
                .containsEntry("passed", true)
                .containsEntry("verification", "verified")
                .containsEntry("attempts", 1);
        assertThat(pipeline.getCurrentBuild().getDescription()).endsWith("0 artifacts skipped; verified");
        assertSerializable(outcome);
    }

    @Test
    void aVerificationThatFailsIsTriedAgainAndPassesOnTheSecondAttempt() throws Exception {
        write(MANIFEST, DEPLOYMENTS_ONLY);
        ScriptedVerification verify = ScriptedVerification.failingWith("checkout returned 502");

        Map<String, Object> outcome = promote(Map.of("manifest", MANIFEST, "verify", verify, "verifyAttempts", 2));

        assertThat(verify.calls()).hasSize(2);
        assertThat(pipeline.echoes)
                .contains("Verification of staging-us-east-2, attempt 1 of 2, failed: checkout returned 502");
        ReleaseVerified verified = ledger().verification(pipeline.runId()).orElseThrow();
        assertThat(verified.passed()).isTrue();
        assertThat(verified.attempts()).isEqualTo(2);
        assertThat(verified.message()).isEqualTo("passed (attempt 2 of 2)");
        assertThat(verification(outcome)).containsEntry("passed", true);
        assertThat(pipeline.steps.stream().filter("recordRelease verified"::equals))
                .as("one record, after the last attempt")
                .hasSize(1);
    }

    @Test
    void aVerificationFailingEveryAttemptIsRecordedAndFailsTheBuild() throws Exception {
        write(MANIFEST, DEPLOYMENTS_ONLY);
        ScriptedVerification verify = ScriptedVerification.failingWith("502", "502", "checkout returned 502");

        assertThatThrownBy(() -> promote(Map.of("manifest", MANIFEST, "verify", verify, "verifyAttempts", 3)))
                .isInstanceOf(StepFailure.class)
                .hasMessage("Release of staging-us-east-2 deployed, but its verification failed:"
                        + " checkout returned 502 (attempt 3 of 3)");

        assertThat(verify.calls()).hasSize(3);
        ReleaseVerified verified = ledger().verification(pipeline.runId()).orElseThrow();
        assertThat(verified.passed()).isFalse();
        assertThat(verified.attempts()).isEqualTo(3);
        assertThat(verified.output()).contains("checkout returned 502");
        assertThat(run().status()).as("the deployment itself succeeded").contains(ReleaseStatus.SUCCEEDED);
        assertThat(pipeline.getCurrentBuild().getDescription()).endsWith("; verification failed");
    }

    @Test
    void nothingIsVerifiedAfterARunWhereAnArtifactFailed() throws Exception {
        write(MANIFEST, DEPLOYMENTS_ONLY);
        pipeline.finish("release-jobs/s3-upload-portal", "FAILURE");
        ScriptedVerification verify = ScriptedVerification.passing();

        assertThatThrownBy(() -> promote(Map.of("manifest", MANIFEST, "verify", verify)))
                .isInstanceOf(StepFailure.class)
                .hasMessage("Release of staging-us-east-2 failed in: deploy product1/portal");

        assertThat(verify.calls()).isEmpty();
        assertThat(pipeline.steps).endsWith("recordRelease finished").doesNotContain("recordRelease verified");
        assertThat(ledger().verification(pipeline.runId())).isEmpty();
    }

    @Test
    void aVerificationJobIsBuiltWithTheVerificationContextAsParameters() throws Exception {
        write(MANIFEST, DEPLOYMENTS_ONLY);
        pipeline.finish("release-jobs/verify", "UNSTABLE");

        assertThatThrownBy(() -> promote(Map.of("manifest", MANIFEST, "verifyJob", "release-jobs/verify")))
                .isInstanceOf(StepFailure.class)
                .hasMessage("Release of staging-us-east-2 deployed, but its verification failed:"
                        + " release-jobs/verify #1 finished UNSTABLE");

        assertThat(pipeline.builds.get("release-jobs/verify")).hasSize(1);
        assertThat(pipeline.builds.get("release-jobs/verify").get(0))
                .containsOnlyKeys(
                        "RELEASE_ENVIRONMENT",
                        "RELEASE_ENV_SHORT_NAME",
                        "RELEASE_TAG_PREFIX",
                        "RELEASE_ID",
                        "RELEASE_RUN_ID",
                        "RELEASE_CHANGED_ARTIFACTS")
                .containsEntry("RELEASE_RUN_ID", "promote-staging#7");
        assertThat(ledger().verification(pipeline.runId()).orElseThrow().passed())
                .isFalse();
    }

    @Test
    void aRunThatDeployedNothingIsNotVerified() throws Exception {
        write(MANIFEST, STAGING);
        write(DEPLOYED, STAGING);
        ScriptedVerification verify = ScriptedVerification.passing();

        Map<String, Object> outcome = promote(Map.of("manifest", MANIFEST, "against", DEPLOYED, "verify", verify));

        assertThat(verify.calls()).isEmpty();
        assertThat(outcome).containsEntry("succeeded", true).doesNotContainKey("verification");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> verification(Map<String, Object> outcome) {
        return (Map<String, Object>) outcome.get("verification");
    }

    private List<String> standings() {
        return pipeline.judgements.stream()
                .map(j -> String.valueOf(((Map<?, ?>) j.get("judgement")).get("standing")))
                .toList();
    }

    /** Build {@code number} of the same job, on the same workspace, ledger and registry. */
    private RecordingPipeline build(int number) {
        RecordingPipeline next = new RecordingPipeline(workspace, ledgerDirectory, number);
        next.configureRegistries(new NamedRegistry("local", "oci-layout:" + images, null, false));
        return next;
    }

    private static final String MS1 = "product1/image/product1/microservice-1";

    /**
     * Releases the example (run 1: microservice-1 at dev_123), then the example with microservice-1 at dev_124
     * (run 2), and then moves stage_us_123 by hand to other content; returns what stage_us_123 had after run 1.
     */
    private String releaseTwiceAndTamper() throws Exception {
        buildImages(true);
        try (OciLayoutRegistry layout = new OciLayoutRegistry(images)) {
            TestImages.pushImage(layout, "product1/microservice-1", "dev_124", TestImages.Flavor.OCI, "ms1-v2");
        }
        write(MANIFEST, STAGING);
        assertThat(promote(build(1), Map.of("manifest", MANIFEST))).containsEntry("succeeded", true);
        String first = ledger().run(new io.jenkins.plugins.releasetrain.ledger.RunId("promote-staging#1"))
                .orElseThrow()
                .result(MS1)
                .orElseThrow()
                .details()
                .get(ArtifactResult.DIGEST);
        write(MANIFEST, replaceOnce(STAGING, "sourceTag: dev_123", "sourceTag: dev_124"));
        assertThat(promote(build(2), Map.of("manifest", MANIFEST))).containsEntry("succeeded", true);
        try (OciLayoutRegistry layout = new OciLayoutRegistry(images)) {
            TestImages.pushImage(layout, "product1/microservice-1", "stage_us_123", TestImages.Flavor.OCI, "tampered");
        }
        return first;
    }

    @Test
    void rollsBackUnderTheLockToTheEarlierReleaseAndRestoresItsExactDigests() throws Exception {
        String first = releaseTwiceAndTamper();
        pipeline = build(3);

        Map<String, Object> outcome =
                promote(Map.of("rollback", true, "environment", ENVIRONMENT, "registry", "local"));

        assertThat(pipeline.steps)
                .startsWith("lock", "readReleaseRollback", "releasePlan", "recordRelease started", "releaseApproval")
                .doesNotContain("readReleaseManifest");
        assertThat(outcome)
                .containsEntry("succeeded", true)
                .containsEntry("releaseId", release(STAGING).id().value());
        assertThat(((Map<?, ?>) outcome.get("rollback")).get("to")).isEqualTo("promote-staging#1");
        ReleaseRun rollback = run();
        assertThat(rollback.rollback().orElseThrow().to().value()).isEqualTo("promote-staging#1");
        assertThat(rollback.rollback().orElseThrow().from().orElseThrow().value())
                .isEqualTo("promote-staging#2");
        assertThat(rollback.result(MS1).orElseThrow().details()).containsEntry(ArtifactResult.DIGEST, first);
        try (OciLayoutRegistry layout = new OciLayoutRegistry(images)) {
            assertThat(layout.digest(io.jenkins.plugins.releasetrain.image.ImageRef.tagged(
                                    "product1/microservice-1", "stage_us_123"))
                            .toString())
                    .contains(first);
        }
    }

    @Test
    void aBuildStartedFromAReleasePageRollsBackTheEnvironmentItsParametersName() throws Exception {
        releaseTwiceAndTamper();
        pipeline = build(3);
        pipeline.parameter("RELEASE_TRAIN_ROLLBACK_ENVIRONMENT", ENVIRONMENT);
        pipeline.parameter("RELEASE_TRAIN_ROLLBACK_TO", "promote-staging#1");

        Map<String, Object> outcome = promote(Map.of("manifest", MANIFEST, "resume", true));

        assertThat(pipeline.steps).startsWith("readReleaseManifest", "lock", "readReleaseRollback", "releasePlan");
        assertThat(pipeline.planArguments.get(0)).doesNotContainKey("resume");
        assertThat(outcome).containsEntry("succeeded", true);
        assertThat(run().rollback().orElseThrow().to().value()).isEqualTo("promote-staging#1");
        assertThat(run().releaseId()).isEqualTo(release(STAGING).id());
    }

    @Test
    void aBuildStartedToRollBackAnotherEnvironmentReleasesNothingHere() throws Exception {
        write(MANIFEST, DEPLOYMENTS_ONLY);
        pipeline.parameter("RELEASE_TRAIN_ROLLBACK_ENVIRONMENT", "production-us-east-2");
        pipeline.parameter("RELEASE_TRAIN_ROLLBACK_TO", "promote-production#4");

        Map<String, Object> outcome = promote(Map.of("manifest", MANIFEST));

        assertThat(pipeline.steps).containsExactly("readReleaseManifest");
        assertThat(pipeline.locks).isEmpty();
        assertThat(outcome)
                .containsEntry("skippedForRollback", "production-us-east-2")
                .containsEntry("environment", ENVIRONMENT);
        assertThat(pipeline.echoes)
                .contains("This build rolls back production-us-east-2: the release of " + ENVIRONMENT + " is skipped");
    }

    @Test
    void refusesRollbackArgumentsThatDoNotGoTogether() {
        assertThatThrownBy(() -> promote(Map.of("rollback", true)))
                .isInstanceOf(StepFailure.class)
                .hasMessageContaining("rollback: true and environment:");
        assertThatThrownBy(() -> promote(Map.of("environment", ENVIRONMENT)))
                .isInstanceOf(StepFailure.class)
                .hasMessageContaining("rollback: true and environment:");
        assertThatThrownBy(() -> promote(Map.of("rollback", true, "environment", ENVIRONMENT, "manifest", MANIFEST)))
                .isInstanceOf(StepFailure.class)
                .hasMessageContaining("takes no manifest:");
        assertThatThrownBy(() -> promote(Map.of("rollback", true, "environment", ENVIRONMENT, "resume", true)))
                .isInstanceOf(StepFailure.class)
                .hasMessageContaining("resume:");
        assertThat(pipeline.steps).isEmpty();
    }

    @Test
    void aRollbackWithNothingToGoBackToFailsBeforeAnythingRuns() throws Exception {
        write(MANIFEST, DEPLOYMENTS_ONLY);
        promote(Map.of("manifest", MANIFEST));
        pipeline = build(8);

        assertThatThrownBy(() -> promote(Map.of("rollback", true, "environment", ENVIRONMENT)))
                .isInstanceOf(StepFailure.class)
                .hasMessageContaining("nothing to roll back to");
        assertThat(pipeline.steps).containsExactly("lock", "readReleaseRollback");
    }

    /** Two leads must approve a release; a failed verification rolls the environment back at once. */
    private static final ProtectionRule TWO_LEADS_ROLLING_BACK = TWO_LEADS.withRollback(
            new RollbackRule(java.util.Optional.empty(), RollbackRule.VerificationFailure.ROLLBACK));

    private static final String PORTAL_V1 = "b4522e8ffe7162d01bfe7637ab7412fee919d2a5";
    private static final String PORTAL_V2 = "c0ffee8ffe7162d01bfe7637ab7412fee919d2a5";

    /** Build {@code number} under {@code rule}, whose release bob and dana, two leads, approve. */
    private RecordingPipeline approvedBuild(int number, ProtectionRule rule) {
        RecordingPipeline next = build(number);
        next.protect(rule);
        next.member("bob", "release-leads");
        next.member("dana", "release-leads");
        next.answer("bob", "approve", "lgtm");
        next.answer("dana", "approve", "lgtm");
        return next;
    }

    /**
     * Releases the example, approved (run 1: microservice-1 at dev_123, the portal at its first commit); returns the
     * digest stage_us_123 had after it, which is then moved by hand. The manifest in the workspace is then release 2:
     * microservice-1 at dev_124 and the portal at another commit.
     */
    private String releaseFirstThenWriteSecond(ProtectionRule rule) throws Exception {
        buildImages(true);
        try (OciLayoutRegistry layout = new OciLayoutRegistry(images)) {
            TestImages.pushImage(layout, "product1/microservice-1", "dev_124", TestImages.Flavor.OCI, "ms1-v2");
        }
        write(MANIFEST, STAGING);
        assertThat(promote(approvedBuild(1, rule), Map.of("manifest", MANIFEST)))
                .containsEntry("succeeded", true);
        String first = ledger().run(new io.jenkins.plugins.releasetrain.ledger.RunId("promote-staging#1"))
                .orElseThrow()
                .result(MS1)
                .orElseThrow()
                .details()
                .get(ArtifactResult.DIGEST);
        write(
                MANIFEST,
                replaceOnce(
                        replaceOnce(STAGING, "sourceTag: dev_123", "sourceTag: dev_124"),
                        "gitCommit: " + PORTAL_V1,
                        "gitCommit: " + PORTAL_V2));
        // Someone moves the first release's tag by hand meanwhile: only a rollback puts it back.
        try (OciLayoutRegistry layout = new OciLayoutRegistry(images)) {
            TestImages.pushImage(layout, "product1/microservice-1", "stage_us_123", TestImages.Flavor.OCI, "tampered");
        }
        return first;
    }

    private String stageTagDigest() throws Exception {
        try (OciLayoutRegistry layout = new OciLayoutRegistry(images)) {
            return layout.digest(io.jenkins.plugins.releasetrain.image.ImageRef.tagged(
                            "product1/microservice-1", "stage_us_123"))
                    .toString();
        }
    }

    @Test
    void aFailedVerificationUnderARuleThatRollsBackRollsTheEnvironmentBackAtOnceWithoutApproval() throws Exception {
        String first = releaseFirstThenWriteSecond(TWO_LEADS_ROLLING_BACK);
        pipeline = approvedBuild(2, TWO_LEADS_ROLLING_BACK);
        ScriptedVerification verify = ScriptedVerification.failingWith("checkout returned 502");
        ReleaseEventRecorder onEvent = ReleaseEventRecorder.recording();

        assertThatThrownBy(() -> promote(
                        Map.of("manifest", MANIFEST, "registry", "local", "verify", verify, "onEvent", onEvent)))
                .isInstanceOf(StepFailure.class)
                .hasMessage(
                        "Release of staging-us-east-2 deployed, but its verification failed: checkout returned 502;"
                                + " staging-us-east-2 was rolled back to run promote-staging#1 (run promote-staging#2+rollback)");

        // Under the same lock, read by the controller for this build's failed run, let through by rule: no prompt.
        assertThat(pipeline.locks).hasSize(1);
        List<String> steps = pipeline.steps;
        List<String> afterVerification = steps.subList(steps.indexOf("recordRelease verified") + 1, steps.size());
        assertThat(afterVerification)
                .startsWith("readReleaseRollback automatic", "releasePlan", "recordRelease started", "releaseApproval")
                .doesNotContain("input", "recordApproval")
                .endsWith("recordRelease finished", "recordRelease verified");
        EnvironmentLedger ledger = ledger();
        ReleaseRun rollback = ledger.latestRun().orElseThrow();
        assertThat(rollback.runId().value()).isEqualTo("promote-staging#2+rollback");
        assertThat(rollback.releaseId()).isEqualTo(release(STAGING).id());
        assertThat(rollback.status()).contains(ReleaseStatus.SUCCEEDED);
        io.jenkins.plugins.releasetrain.ledger.RollbackOf of =
                rollback.rollback().orElseThrow();
        assertThat(of.reason()).isEqualTo(io.jenkins.plugins.releasetrain.ledger.RollbackOf.VERIFICATION_FAILED);
        assertThat(of.to().value()).isEqualTo("promote-staging#1");
        assertThat(of.from().orElseThrow().value()).isEqualTo("promote-staging#2");
        assertThat(ledger.approvals(release(STAGING).id()))
                .as("the rollback needed nobody's approval")
                .extracting(ApprovalRecorded::actor)
                .containsExactly("bob", "dana");
        // The earlier commit went back through the job, the image tag back to its exact earlier digest.
        assertThat(pipeline.builds.get("release-jobs/s3-upload-portal"))
                .extracting(p -> p.get("RELEASE_GIT_COMMIT"))
                .containsExactly(PORTAL_V2, PORTAL_V1);
        assertThat(rollback.result(MS1).orElseThrow().details()).containsEntry(ArtifactResult.DIGEST, first);
        assertThat(stageTagDigest()).contains(first);
        assertThat(ledger.verification(rollback.runId()).orElseThrow().passed())
                .as("the rollback is verified in turn")
                .isTrue();
        assertThat(onEvent.types()).endsWith("succeeded", "verification-failed", "started", "rolled-back");
        assertThat((String) onEvent.events().get(onEvent.events().size() - 1).get("summary"))
                .startsWith(ENVIRONMENT + ": rollback to release "
                        + release(STAGING).id().shortForm());
        assertThat(pipeline.getCurrentBuild().getDescription())
                .endsWith("; verification failed; rolled back to run promote-staging#1");
    }

    @Test
    void aFailedVerificationUnderARuleThatStopsRollsNothingBack() throws Exception {
        String first = releaseFirstThenWriteSecond(TWO_LEADS);
        pipeline = approvedBuild(2, TWO_LEADS);
        ScriptedVerification verify = ScriptedVerification.failingWith("checkout returned 502");

        assertThatThrownBy(() -> promote(Map.of("manifest", MANIFEST, "registry", "local", "verify", verify)))
                .isInstanceOf(StepFailure.class)
                .hasMessage(
                        "Release of staging-us-east-2 deployed, but its verification failed: checkout returned 502");

        assertThat(pipeline.steps).endsWith("recordRelease verified").doesNotContain("readReleaseRollback automatic");
        assertThat(pipeline.verifications.get(0)).containsEntry("result", "FAILURE");
        assertThat(ledger().latestRun().orElseThrow().runId().value()).isEqualTo("promote-staging#2");
        assertThat(stageTagDigest()).doesNotContain(first);
    }

    @Test
    void anAutomaticRollbackThatFailsIsReportedAndTheBuildStillFails() throws Exception {
        releaseFirstThenWriteSecond(TWO_LEADS_ROLLING_BACK);
        pipeline = approvedBuild(2, TWO_LEADS_ROLLING_BACK);
        ScriptedVerification verify = ScriptedVerification.failingWith("checkout returned 502");
        // The portal's handler cannot deploy the first commit again.
        Closure<Object> portal = new Closure<Object>(this) {
            @SuppressWarnings("unused")
            public Object doCall(Map<String, Object> context) {
                if (PORTAL_V1.equals(context.get("RELEASE_GIT_COMMIT"))) {
                    throw new IllegalStateException("the bucket refuses the old portal");
                }
                return null;
            }
        };

        assertThatThrownBy(() -> promote(Map.of(
                        "manifest",
                        MANIFEST,
                        "registry",
                        "local",
                        "verify",
                        verify,
                        "handlers",
                        Map.of("s3-upload-portal", portal))))
                .isInstanceOf(StepFailure.class)
                .hasMessage("Release of staging-us-east-2 deployed, but its verification failed: checkout returned 502;"
                        + " the automatic rollback to run promote-staging#1 failed in: deploy product1/portal");

        ReleaseRun rollback = ledger().latestRun().orElseThrow();
        assertThat(rollback.runId().value()).isEqualTo("promote-staging#2+rollback");
        assertThat(rollback.status()).contains(ReleaseStatus.FAILED);
        assertThat(rollback.rollback().orElseThrow().reason())
                .isEqualTo(io.jenkins.plugins.releasetrain.ledger.RollbackOf.VERIFICATION_FAILED);
        assertThat(verify.calls()).as("a rollback that failed is not verified").hasSize(1);
        assertThat(pipeline.getCurrentBuild().getDescription()).endsWith("; automatic rollback failed");
    }

    @Test
    void withNothingToGoBackToTheFailedVerificationFailsTheBuildAsBefore() throws Exception {
        write(MANIFEST, DEPLOYMENTS_ONLY);
        pipeline.protect(TWO_LEADS_ROLLING_BACK);
        pipeline.member("bob", "release-leads");
        pipeline.member("dana", "release-leads");
        pipeline.answer("bob", "approve", "lgtm");
        pipeline.answer("dana", "approve", "lgtm");

        assertThatThrownBy(() -> promote(Map.of(
                        "manifest", MANIFEST, "verify", ScriptedVerification.failingWith("checkout returned 502"))))
                .isInstanceOf(StepFailure.class)
                .hasMessage(
                        "Release of staging-us-east-2 deployed, but its verification failed: checkout returned 502");

        assertThat(pipeline.steps).endsWith("recordRelease verified", "readReleaseRollback automatic");
        assertThat(pipeline.echoes)
                .anySatisfy(e -> assertThat(e)
                        .startsWith("The rule rolls staging-us-east-2 back after a failed verification, but it cannot"
                                + " be rolled back: nothing to roll back to"));
        assertThat(ledger().latestRun().orElseThrow().runId()).isEqualTo(pipeline.runId());
    }

    @Test
    void aPipelineCannotReadAnAutomaticRollbackWithoutAFailedVerificationOfItsOwnRun() throws Exception {
        releaseFirstThenWriteSecond(TWO_LEADS_ROLLING_BACK);
        pipeline = approvedBuild(2, TWO_LEADS_ROLLING_BACK);
        assertThat(promote(Map.of("manifest", MANIFEST, "registry", "local", "verify", ScriptedVerification.passing())))
                .containsEntry("succeeded", true);

        assertThatThrownBy(() -> pipeline.readReleaseRollback(Map.of("environment", ENVIRONMENT, "automatic", true)))
                .isInstanceOf(StepFailure.class)
                .hasMessageContaining("passed its verification");
        RecordingPipeline other = approvedBuild(3, TWO_LEADS_ROLLING_BACK);
        assertThatThrownBy(() -> other.readReleaseRollback(Map.of("environment", ENVIRONMENT, "automatic", true)))
                .isInstanceOf(StepFailure.class)
                .hasMessageContaining("the latest run of staging-us-east-2 is promote-staging#2");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> results(Map<String, Object> outcome) {
        return (List<Map<String, Object>>) outcome.get("results");
    }

    @Test
    void onEventHearsTheRunStartAndSucceedWithTheBuildsLink() throws Exception {
        write(MANIFEST, DEPLOYMENTS_ONLY);
        ReleaseEventRecorder onEvent = ReleaseEventRecorder.recording();

        promote(Map.of("manifest", MANIFEST, "onEvent", onEvent));

        assertThat(onEvent.types()).containsExactly("started", "succeeded");
        String releaseId = release(DEPLOYMENTS_ONLY).id().value();
        assertThat(onEvent.events())
                .allSatisfy(e -> assertThat(e)
                        .containsEntry("environment", ENVIRONMENT)
                        .containsEntry("releaseId", releaseId)
                        .containsEntry("runId", pipeline.runId().value())
                        .containsEntry("link", "http://jenkins.example/job/promote-staging/7/"));
        assertThat((String) onEvent.events().get(0).get("summary"))
                .startsWith(ENVIRONMENT + ": release " + releaseId.substring(0, 12) + " started");
        assertThat(details(onEvent.events().get(1))).containsEntry("status", "succeeded");
    }

    @Test
    void onEventHearsAFailedRun() throws Exception {
        write(MANIFEST, DEPLOYMENTS_ONLY);
        pipeline.finish("release-jobs/s3-upload-portal", "FAILURE");
        ReleaseEventRecorder onEvent = ReleaseEventRecorder.recording();

        assertThatThrownBy(() -> promote(Map.of("manifest", MANIFEST, "onEvent", onEvent)))
                .isInstanceOf(StepFailure.class)
                .hasMessage("Release of staging-us-east-2 failed in: deploy product1/portal");

        assertThat(onEvent.types()).containsExactly("started", "failed");
        assertThat(details(onEvent.events().get(1))).containsEntry("status", "failed");
    }

    @Test
    void anOnEventClosureThatThrowsDoesNotFailTheRelease() throws Exception {
        write(MANIFEST, DEPLOYMENTS_ONLY);
        ReleaseEventRecorder onEvent = ReleaseEventRecorder.throwingOn("started", "succeeded");

        Map<String, Object> outcome = promote(Map.of("manifest", MANIFEST, "onEvent", onEvent));

        assertThat(outcome).containsEntry("succeeded", true);
        assertThat(onEvent.types()).containsExactly("started", "succeeded");
        assertThat(run().status()).contains(ReleaseStatus.SUCCEEDED);
        assertThat(pipeline.echoes)
                .contains(
                        "promoteRelease onEvent failed on started, the release goes on: slack is down",
                        "promoteRelease onEvent failed on succeeded, the release goes on: slack is down");
    }

    @Test
    void onEventHearsWhoMayApproveAndTheRejection() throws Exception {
        write(MANIFEST, DEPLOYMENTS_ONLY);
        pipeline.protect(TWO_LEADS);
        pipeline.member("bob", "release-leads");
        pipeline.answer("bob", "reject", "breaks checkout");
        ReleaseEventRecorder onEvent = ReleaseEventRecorder.recording();

        assertThatThrownBy(() -> promote(Map.of("manifest", MANIFEST, "onEvent", onEvent)))
                .isInstanceOf(StepFailure.class);

        assertThat(onEvent.types()).containsExactly("started", "awaiting-approval", "rejected", "failed");
        Map<String, Object> awaiting = details(onEvent.events().get(1));
        assertThat(awaiting)
                .containsEntry("approvers", "release-leads")
                .containsEntry("input", "http://jenkins.example/job/promote-staging/7/input/");
        assertThat(details(onEvent.events().get(2)))
                .containsEntry("actor", "bob")
                .containsEntry("action", "reject")
                .containsEntry("mayRun", "false");
        assertThat(details(onEvent.events().get(3))).containsEntry("status", "cancelled");
    }

    @Test
    void onEventHearsAFailedVerification() throws Exception {
        write(MANIFEST, DEPLOYMENTS_ONLY);
        ReleaseEventRecorder onEvent = ReleaseEventRecorder.recording();

        assertThatThrownBy(() -> promote(Map.of(
                        "manifest",
                        MANIFEST,
                        "onEvent",
                        onEvent,
                        "verify",
                        ScriptedVerification.failingWith("checkout returned 502"))))
                .isInstanceOf(StepFailure.class);

        assertThat(onEvent.types()).containsExactly("started", "succeeded", "verification-failed");
        assertThat((String) onEvent.events().get(2).get("summary")).contains("checkout returned 502");
    }

    @Test
    void onEventMustBeAClosure() throws Exception {
        write(MANIFEST, DEPLOYMENTS_ONLY);

        assertThatThrownBy(() -> promote(Map.of("manifest", MANIFEST, "onEvent", "slack")))
                .isInstanceOf(StepFailure.class)
                .hasMessageStartingWith("promoteRelease onEvent: is a closure");
    }

    /** Staging after dev, two leads; an on-call engineer may let a hotfix in without dev. */
    private static final ProtectionRule WITH_HOTFIX_LANE =
            TWO_LEADS.withRequires("dev-us-east-2").withHotfixLane(new HotfixLane(Approvers.groups("on-call"), 1));

    @Test
    void aHotfixIsLetInByTheHotfixLaneWithoutThePromotionOrderAndRecordedAsOne() throws Exception {
        write(MANIFEST, DEPLOYMENTS_ONLY);
        pipeline.protect(WITH_HOTFIX_LANE);
        pipeline.member("dave", "on-call");
        pipeline.answer("dave", "approve", "checkout is down");
        ReleaseEventRecorder onEvent = ReleaseEventRecorder.recording();

        Map<String, Object> outcome = promote(Map.of("manifest", MANIFEST, "hotfix", true, "onEvent", onEvent));

        assertThat(outcome).containsEntry("succeeded", true);
        assertThat(pipeline.readArguments).containsExactly(Map.of("file", MANIFEST, "hotfix", true));
        assertThat(pipeline.prompts).hasSize(1);
        assertThat(run().isHotfix()).isTrue();
        assertThat(run().status()).contains(ReleaseStatus.SUCCEEDED);
        assertThat(onEvent.types()).containsExactly("started", "awaiting-approval", "approved", "succeeded", "hotfix");
        assertThat((String) onEvent.events().get(4).get("summary"))
                .isEqualTo(ENVIRONMENT + ": hotfix "
                        + release(DEPLOYMENTS_ONLY).id().shortForm()
                        + " is live; the environments before it do not have it yet");
    }

    @Test
    void withoutHotfixTheSameReleaseWaitsForThePromotionOrder() throws Exception {
        write(MANIFEST, DEPLOYMENTS_ONLY);
        pipeline.protect(WITH_HOTFIX_LANE);
        pipeline.member("dave", "on-call");
        pipeline.answer("dave", "approve", "checkout is down");

        assertThatThrownBy(() -> promote(Map.of("manifest", MANIFEST)))
                .isInstanceOf(StepFailure.class)
                .hasMessageContaining("dev-us-east-2");

        assertThat(pipeline.steps).doesNotContain("parallel");
        assertThat(run().isHotfix()).isFalse();
        assertThat(run().status()).contains(ReleaseStatus.CANCELLED);
    }

    @Test
    void aHotfixWhereTheRuleHasNoHotfixLaneIsRefusedBeforeAnythingIsRecorded() throws Exception {
        write(MANIFEST, DEPLOYMENTS_ONLY);
        pipeline.protect(TWO_LEADS);

        assertThatThrownBy(() -> promote(Map.of("manifest", MANIFEST, "hotfix", true)))
                .isInstanceOf(StepFailure.class)
                .hasMessageContaining("has no hotfix lane");

        assertThat(pipeline.steps).containsExactly("readReleaseManifest");
        assertThat(ledger().runs()).isEmpty();
    }

    @Test
    void hotfixAndDropHotfixAreCheckedBeforeAnythingRuns() throws Exception {
        write(MANIFEST, DEPLOYMENTS_ONLY);

        assertThatThrownBy(() -> promote(Map.of("manifest", MANIFEST, "hotfix", "yes")))
                .isInstanceOf(StepFailure.class)
                .hasMessageStartingWith("promoteRelease hotfix: is true or false");
        assertThatThrownBy(() -> promote(Map.of("manifest", MANIFEST, "dropHotfix", " ")))
                .isInstanceOf(StepFailure.class)
                .hasMessageStartingWith("promoteRelease dropHotfix: says why");
        assertThatThrownBy(() -> promote(Map.of("manifest", MANIFEST, "hotfix", true, "dropHotfix", "on purpose")))
                .isInstanceOf(StepFailure.class)
                .hasMessageContaining("not both");
        assertThatThrownBy(() -> promote(Map.of("rollback", true, "environment", ENVIRONMENT, "hotfix", true)))
                .isInstanceOf(StepFailure.class)
                .hasMessageContaining("no manifest:, release:, against:, resume:, hotfix: or dropHotfix:");
        assertThat(pipeline.steps).isEmpty();
    }

    @Test
    void dropHotfixIsSaidToTheControllerWithTheRead() throws Exception {
        write(MANIFEST, DEPLOYMENTS_ONLY);

        promote(Map.of("manifest", MANIFEST, "dropHotfix", "the fix is reverted on purpose"));

        assertThat(pipeline.readArguments)
                .containsExactly(Map.of("file", MANIFEST, "dropHotfix", "the fix is reverted on purpose"));
        assertThat(run().isHotfix()).isFalse();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> details(Map<String, Object> event) {
        return (Map<String, Object>) event.get("details");
    }

    private static void assertSerializable(Object value) throws IOException {
        try (ObjectOutputStream out = new ObjectOutputStream(new ByteArrayOutputStream())) {
            out.writeObject(value);
        }
    }
}
