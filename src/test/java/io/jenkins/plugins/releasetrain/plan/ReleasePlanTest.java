package io.jenkins.plugins.releasetrain.plan;

import static io.jenkins.plugins.releasetrain.testing.Fixtures.exampleText;
import static io.jenkins.plugins.releasetrain.testing.Fixtures.replaceOnce;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.jenkins.plugins.releasetrain.manifest.ManifestLoader;
import io.jenkins.plugins.releasetrain.manifest.Release;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReleasePlanTest {

    private static final String STAGING = exampleText("staging-us-east-2.yaml");

    private static Release load(String text) {
        return new ManifestLoader().load("m.yaml", text).release();
    }

    @Test
    void addsEveryArtifactOnAFirstRelease() {
        ReleasePlan plan = ReleasePlan.of(load(STAGING), Optional.empty());
        assertThat(plan.artifacts())
                .hasSize(9)
                .allSatisfy(a -> assertThat(a.change()).isEqualTo(ChangeKind.ADDED));
        assertThat(plan.products()).singleElement().satisfies(p -> {
            assertThat(p.change()).isEqualTo(ChangeKind.ADDED);
            assertThat(p.after()).isEqualTo("1.9.0-rc2");
        });
        assertThat(plan.work()).hasSize(9);
    }

    @Test
    void findsNothingToDoWhenTheSameReleaseIsDeployed() {
        ReleasePlan plan = ReleasePlan.of(load(STAGING), Optional.of(load(STAGING)));
        assertThat(plan.hasWork()).isFalse();
        assertThat(plan.count(ChangeKind.UNCHANGED)).isEqualTo(9);
        assertThat(plan.products())
                .singleElement()
                .satisfies(p -> assertThat(p.change()).isEqualTo(ChangeKind.UNCHANGED));
    }

    @Test
    void reportsChangedFieldsOfEachArtifact() {
        String next = replaceOnce(
                STAGING,
                "gitCommit: 4f545ec8f09c81ac645926f755ba13f46434f636",
                "gitCommit: 5e545ec8f09c81ac645926f755ba13f46434f637");
        next = replaceOnce(next, "workflowBase: api-gw-deploy", "workflowBase: api-gw-deploy-v2");
        next = replaceOnce(next, "sourceTag: dev_456", "sourceTag: dev_457");
        next = replaceOnce(next, "releaseCandidate: 2", "releaseCandidate: 3");

        ReleasePlan plan = ReleasePlan.of(load(next), Optional.of(load(STAGING)));

        assertThat(plan.work())
                .extracting(PlannedArtifact::id, PlannedArtifact::fields)
                .containsExactly(
                        tuple(
                                "product1/deploy/resources",
                                java.util.List.of(new FieldChange(
                                        "gitCommit",
                                        "4f545ec8f09c81ac645926f755ba13f46434f636",
                                        "5e545ec8f09c81ac645926f755ba13f46434f637"))),
                        tuple(
                                "product1/deploy/apigw-main",
                                java.util.List.of(
                                        new FieldChange("workflowBase", "api-gw-deploy", "api-gw-deploy-v2"))),
                        tuple(
                                "product1/image/product1/microservice-2",
                                java.util.List.of(
                                        new FieldChange("sourceTag", "dev_456", "dev_457"),
                                        new FieldChange("destinationTag", "stage_us_456", "stage_us_457"))));
        assertThat(plan.products()).singleElement().satisfies(p -> {
            assertThat(p.change()).isEqualTo(ChangeKind.CHANGED);
            assertThat(p.before()).isEqualTo("1.9.0-rc2");
            assertThat(p.after()).isEqualTo("1.9.0-rc3");
        });
    }

    @Test
    void reportsRemovedArtifactsAfterTheOthers() {
        String without =
                replaceOnce(STAGING, "      - repoName: product1/microservice-3\n        sourceTag: dev_789\n", "");
        ReleasePlan plan = ReleasePlan.of(load(without), Optional.of(load(STAGING)));
        assertThat(plan.artifacts()).last().satisfies(a -> {
            assertThat(a.id()).isEqualTo("product1/image/product1/microservice-3");
            assertThat(a.change()).isEqualTo(ChangeKind.REMOVED);
            assertThat(a.afterArtifact()).isEmpty();
            assertThat(a.current().version()).isEqualTo("dev_789");
        });
        assertThat(plan.count(ChangeKind.REMOVED)).isEqualTo(1);
        assertThat(plan.hasWork()).isFalse();
    }

    @Test
    void retagsImagesWhenTheEnvironmentPrefixChanges() {
        String renamed = replaceOnce(STAGING, "destinationTagPrefix: stage_us", "destinationTagPrefix: staging_us");
        ReleasePlan plan = ReleasePlan.of(load(renamed), Optional.of(load(STAGING)));
        assertThat(plan.work())
                .extracting(PlannedArtifact::id)
                .containsExactly(
                        "product1/image/product1/microservice-1",
                        "product1/image/product1/microservice-2",
                        "product1/image/product1/microservice-3");
    }

    @Test
    void convertsToPlainMapsForJsonAndPipelines() {
        ReleasePlan plan = ReleasePlan.of(load(STAGING), Optional.of(load(STAGING)));
        java.util.Map<String, Object> map = PlanMaps.plan(plan);
        assertThat(map).containsEntry("environment", "staging-us-east-2");
        assertThat(map.get("summary"))
                .isEqualTo(java.util.Map.of("added", 0L, "changed", 0L, "unchanged", 9L, "removed", 0L));
        assertThat((java.util.List<?>) map.get("artifacts")).hasSize(9);
    }
}
