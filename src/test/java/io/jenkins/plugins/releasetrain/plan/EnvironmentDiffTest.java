package io.jenkins.plugins.releasetrain.plan;

import static io.jenkins.plugins.releasetrain.testing.Fixtures.exampleText;
import static io.jenkins.plugins.releasetrain.testing.Fixtures.replaceOnce;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.jenkins.plugins.releasetrain.manifest.ManifestLoader;
import io.jenkins.plugins.releasetrain.manifest.Release;
import org.junit.jupiter.api.Test;

class EnvironmentDiffTest {

    private static final String STAGING = exampleText("staging-us-east-2.yaml");
    private static final String PRODUCTION = exampleText("production-us-east-2.yaml");

    private static Release load(String text) {
        return new ManifestLoader().load("m.yaml", text).release();
    }

    @Test
    void showsWhatProductionWouldChangeIfStagingWerePromoted() {
        EnvironmentDiff diff = EnvironmentDiff.of(load(STAGING), load(PRODUCTION));
        assertThat(diff.isInSync()).isFalse();
        assertThat(diff.artifacts())
                .filteredOn(a -> a.change() == ChangeKind.CHANGED)
                .extracting(
                        PlannedArtifact::id,
                        a -> a.before().version(),
                        a -> a.after().version())
                .containsExactly(
                        tuple(
                                "product1/deploy/resources",
                                "3e1bfbd23a381c770cac57e56fb08d66c00b77ee",
                                "4f545ec8f09c81ac645926f755ba13f46434f636"),
                        tuple(
                                "product1/deploy/apigw-main",
                                "2617569ff9c1478317fbdf6b0e94091233deecbb",
                                "d3398bdb6dffb94a0a9c8dc5eb54bf01e6abd952"),
                        tuple("product1/image/product1/microservice-2", "dev_401", "dev_456"));
        assertThat(diff.count(ChangeKind.UNCHANGED)).isEqualTo(6);
        assertThat(diff.products()).singleElement().satisfies(p -> {
            assertThat(p.before()).isEqualTo("1.9.0-rc1");
            assertThat(p.after()).isEqualTo("1.9.0-rc2");
        });
    }

    @Test
    void ignoresDestinationTagsWhichDifferBetweenEnvironmentsByDesign() {
        String sameContent = replaceOnce(
                STAGING,
                "environment:\n  name: staging-us-east-2\n  shortName: stage-us\n" + "  destinationTagPrefix: stage_us",
                "environment:\n  name: production-us-east-2\n"
                        + "  shortName: prod-us\n  destinationTagPrefix: prod_us");
        EnvironmentDiff diff = EnvironmentDiff.of(load(STAGING), load(sameContent));
        assertThat(diff.isInSync()).isTrue();
    }

    @Test
    void listsWhatProductionWouldGainAndLose() {
        String stagingWithNewImage = replaceOnce(
                STAGING,
                "        sourceTag: dev_789\n",
                "        sourceTag: dev_789\n      - repoName: product1/microservice-4\n        sourceTag: dev_1\n");
        String productionWithExtra = replaceOnce(
                PRODUCTION,
                "    images:\n",
                "    images:\n" + "      - repoName: product1/legacy\n        sourceTag: dev_9\n");
        EnvironmentDiff diff = EnvironmentDiff.of(load(stagingWithNewImage), load(productionWithExtra));
        assertThat(diff.artifacts())
                .filteredOn(a -> a.change() == ChangeKind.ADDED || a.change() == ChangeKind.REMOVED)
                .extracting(PlannedArtifact::id, PlannedArtifact::change)
                .containsExactly(
                        tuple("product1/image/product1/microservice-4", ChangeKind.ADDED),
                        tuple("product1/image/product1/legacy", ChangeKind.REMOVED));
    }
}
