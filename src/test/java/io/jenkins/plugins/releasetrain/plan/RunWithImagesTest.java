package io.jenkins.plugins.releasetrain.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.releasetrain.image.ImageRef;
import io.jenkins.plugins.releasetrain.image.TagState;
import io.jenkins.plugins.releasetrain.image.TestImages;
import io.jenkins.plugins.releasetrain.image.layout.OciLayoutRegistry;
import io.jenkins.plugins.releasetrain.ledger.ArtifactResult;
import io.jenkins.plugins.releasetrain.ledger.ArtifactStatus;
import io.jenkins.plugins.releasetrain.ledger.Ledger;
import io.jenkins.plugins.releasetrain.ledger.ReleaseStatus;
import io.jenkins.plugins.releasetrain.manifest.LoadedManifest;
import io.jenkins.plugins.releasetrain.manifest.ManifestLoader;
import io.jenkins.plugins.releasetrain.testing.Fixtures;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs whose images are tagged for real, in an OCI layout, by the image engine. */
class RunWithImagesTest {

    private static final String MICROSERVICE_2 = "product1/image/product1/microservice-2";

    @TempDir
    Path dir;

    private final LoadedManifest staging = new ManifestLoader().load(Fixtures.example("staging-us-east-2.yaml"));
    private OciLayoutRegistry registry;

    @BeforeEach
    void examplesImagesInALayout() throws Exception {
        registry = new OciLayoutRegistry(dir.resolve("images"));
        TestImages.pushImage(registry, "product1/microservice-1", "dev_123", TestImages.Flavor.OCI, "ms1");
        TestImages.pushImage(registry, "product1/microservice-2", "dev_456", TestImages.Flavor.OCI, "ms2");
        TestImages.pushImage(registry, "product1/microservice-3", "dev_789", TestImages.Flavor.DOCKER, "ms3");
        Handlers.recording(dir.resolve("handlers"), dir.resolve("calls.log"));
    }

    @Test
    void tagsEveryImageByDigestAndSucceedsCompletely() throws Exception {
        RunReport report = runner(RunOptions.defaults()).run(staging, "alice", Duration.ZERO, RunListener.NONE);

        assertThat(report.status()).isEqualTo(ReleaseStatus.SUCCEEDED);
        assertThat(report.count(ArtifactStatus.SUCCEEDED)).isEqualTo(9);
        for (String repository : new String[] {"product1/microservice-1", "product1/microservice-2"}) {
            String build = repository.endsWith("1") ? "123" : "456";
            assertThat(digest(repository, "stage_us_" + build)).isEqualTo(digest(repository, "dev_" + build));
        }
        assertThat(statuses(report)).containsEntry(MICROSERVICE_2, ArtifactStatus.SUCCEEDED);
        assertThat(report.results())
                .filteredOn(r -> r.artifactId().equals(MICROSERVICE_2))
                .singleElement()
                .satisfies(r -> assertThat(r.output())
                        .startsWith("tagged product1/microservice-2:dev_456 -> "
                                + "product1/microservice-2:stage_us_456 sha256:"));
        assertThat(Ledger.open(dir.resolve("ledger")).state("staging-us-east-2").artifacts())
                .hasSize(9);
    }

    @Test
    void findsImagesTaggedOutsideTheRunUnchangedAndRecordsThemLive() throws Exception {
        registry.putManifest(
                ImageRef.tagged("product1/microservice-1", "stage_us_123"),
                registry.manifest(ImageRef.tagged("product1/microservice-1", "dev_123"))
                        .orElseThrow());

        RunReport report = runner(RunOptions.defaults()).run(staging, "alice", Duration.ZERO, RunListener.NONE);

        assertThat(statuses(report)).containsEntry("product1/image/product1/microservice-1", ArtifactStatus.UNCHANGED);
        assertThat(report.status()).isEqualTo(ReleaseStatus.SUCCEEDED);
        assertThat(Ledger.open(dir.resolve("ledger"))
                        .state("staging-us-east-2")
                        .artifact("product1/image/product1/microservice-1"))
                .isPresent();
    }

    @Test
    void recordsAMissingSourceImageAsFailedAndTheOthersStillRun() throws Exception {
        LoadedManifest missing = new ManifestLoader()
                .load(
                        "staging.yaml",
                        Fixtures.replaceOnce(
                                Fixtures.exampleText("staging-us-east-2.yaml"),
                                "sourceTag: dev_456",
                                "sourceTag: dev_457"));

        RunReport report = runner(RunOptions.defaults()).run(missing, "alice", Duration.ZERO, RunListener.NONE);

        assertThat(report.status()).isEqualTo(ReleaseStatus.FAILED);
        assertThat(report.results())
                .filteredOn(r -> r.artifactId().equals(MICROSERVICE_2))
                .singleElement()
                .satisfies(r -> {
                    assertThat(r.status()).isEqualTo(ArtifactStatus.FAILED);
                    assertThat(r.message()).contains("source product1/microservice-2:dev_457 not found");
                });
        assertThat(report.count(ArtifactStatus.SUCCEEDED)).isEqualTo(8);
    }

    private ReleaseRunner runner(RunOptions options) throws InvalidRunException {
        return new ReleaseRunner(
                Ledger.open(dir.resolve("ledger")),
                Optional.of(HandlerDirectory.of(dir.resolve("handlers"))),
                new RegistryImageTagging(registry),
                options,
                Clock.systemUTC());
    }

    private Object digest(String repository, String tag) throws Exception {
        return ((TagState.Present) registry.digest(ImageRef.tagged(repository, tag))).digest();
    }

    private static Map<String, ArtifactStatus> statuses(RunReport report) {
        return report.results().stream().collect(Collectors.toMap(ArtifactResult::artifactId, ArtifactResult::status));
    }
}
