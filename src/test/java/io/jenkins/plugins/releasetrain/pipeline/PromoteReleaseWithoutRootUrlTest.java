package io.jenkins.plugins.releasetrain.pipeline;

import static io.jenkins.plugins.releasetrain.testing.Fixtures.exampleText;
import static org.assertj.core.api.Assertions.assertThat;

import groovy.lang.GroovyClassLoader;
import groovy.lang.GroovyObject;
import io.jenkins.plugins.releasetrain.ledger.ArtifactResult;
import io.jenkins.plugins.releasetrain.ledger.ArtifactStatus;
import io.jenkins.plugins.releasetrain.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Jenkins whose root URL is not configured (a fresh install, or behind a proxy nobody told it about): a
 * deployment job that succeeded stays a success, recorded by job and number. Kept apart from
 * PromoteReleaseScriptTest, whose scenarios also run under groovy-cps with a harness that reads every
 * downstream run's absolute URL. The onEvent closure then hears events without a link.
 */
class PromoteReleaseWithoutRootUrlTest {

    private static final Path SCRIPT = Fixtures.projectRoot()
            .resolve("src/main/resources/io/jenkins/plugins/releasetrain/jenkins/PromoteRelease.groovy");
    private static final String MANIFEST = "releases/staging-us-east-2.yaml";

    @TempDir
    Path workspace;

    @TempDir
    Path ledger;

    @Test
    @SuppressWarnings("unchecked")
    void aDeploymentThatSucceededIsRecordedByJobAndNumber() throws Exception {
        String staging = exampleText("staging-us-east-2.yaml");
        Path manifest = workspace.resolve(MANIFEST);
        Files.createDirectories(manifest.getParent());
        Files.writeString(manifest, staging.substring(0, staging.indexOf("    images:\n")), StandardCharsets.UTF_8);
        RecordingPipeline pipeline = new RecordingPipeline(workspace, ledger, 3);
        pipeline.withoutRootUrl();
        ReleaseEventRecorder onEvent = ReleaseEventRecorder.recording();

        Map<String, Object> outcome;
        try (GroovyClassLoader loader = new GroovyClassLoader(getClass().getClassLoader())) {
            GroovyObject script = (GroovyObject) loader.parseClass(SCRIPT.toFile())
                    .getConstructor(Object.class)
                    .newInstance(pipeline);
            outcome = (Map<String, Object>) script.invokeMethod(
                    "call", new Object[] {new LinkedHashMap<>(Map.of("manifest", MANIFEST, "onEvent", onEvent))});
        }

        assertThat(outcome).containsEntry("succeeded", true);
        ArtifactResult assets = pipeline.ledger()
                .read("staging-us-east-2")
                .run(pipeline.runId())
                .orElseThrow()
                .result("product1/deploy/assets")
                .orElseThrow();
        assertThat(assets.status()).isEqualTo(ArtifactStatus.SUCCEEDED);
        assertThat(assets.message()).isEqualTo("release-jobs/s3-upload-public-assets #1 SUCCESS");
        assertThat(onEvent.types()).containsExactly("started", "succeeded");
        assertThat(onEvent.events()).allSatisfy(e -> assertThat(e.get("link")).isNull());
    }
}
