package io.jenkins.plugins.releasetrain.pipeline;

import static io.jenkins.plugins.releasetrain.testing.Fixtures.exampleText;
import static io.jenkins.plugins.releasetrain.testing.Fixtures.replaceOnce;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import groovy.lang.Closure;
import groovy.lang.GroovyClassLoader;
import groovy.lang.GroovyObject;
import io.jenkins.plugins.releasetrain.manifest.DeploymentArtifact;
import io.jenkins.plugins.releasetrain.manifest.ManifestLoader;
import io.jenkins.plugins.releasetrain.manifest.Release;
import io.jenkins.plugins.releasetrain.pipeline.RecordingPipeline.StepFailure;
import io.jenkins.plugins.releasetrain.plan.ReleaseContext;
import io.jenkins.plugins.releasetrain.testing.Fixtures;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * Pipeline script, and checks the steps it calls. The JenkinsRule tests of the plugin build run the same
 * script in real Jenkins.
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

    private static GroovyClassLoader loader;
    private static Class<?> promoteRelease;

    @TempDir
    Path workspace;

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
        pipeline = new RecordingPipeline(workspace);
    }

    private void write(String file, String text) throws IOException {
        Path path = workspace.resolve(file);
        Files.createDirectories(path.getParent());
        Files.writeString(path, text, StandardCharsets.UTF_8);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> promote(Map<String, Object> args) throws ReflectiveOperationException {
        GroovyObject script =
                (GroovyObject) promoteRelease.getConstructor(Object.class).newInstance(pipeline);
        return (Map<String, Object>) script.invokeMethod("call", new Object[] {new LinkedHashMap<>(args)});
    }

    private static Release release(String text) {
        return new ManifestLoader().load(MANIFEST, text).release();
    }

    @Test
    void promotesEachDeploymentInItsOwnParallelBranchUnderTheEnvironmentLock() throws Exception {
        write(MANIFEST, DEPLOYMENTS_ONLY);

        Map<String, Object> outcome = promote(Map.of("manifest", MANIFEST));

        assertThat(pipeline.locks).containsExactly("release-train/staging-us-east-2");
        assertThat(pipeline.steps)
                .startsWith("readReleaseManifest", "lock", "releasePlan", "parallel")
                .doesNotContain("error");
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
                .containsExactly("cf-edge-s3", "lic-verf");
        assertThat(outcome)
                .containsEntry("environment", "staging-us-east-2")
                .containsEntry("releaseId", release(DEPLOYMENTS_ONLY).id().value())
                .containsEntry("succeeded", true)
                .containsEntry("failed", List.of());
        assertThat(results(outcome)).hasSize(6).allSatisfy(r -> assertThat(r).containsEntry("result", "SUCCESS"));
        assertThat(pipeline.getCurrentBuild().getDescription())
                .isEqualTo("staging-us-east-2 " + release(DEPLOYMENTS_ONLY).id().shortForm()
                        + ": 6 of 6 branches succeeded, 0 artifacts skipped");
        assertSerializable(outcome);
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
    void imageBranchFailsClearlyUntilImagePromotionIsAvailable() throws Exception {
        write(MANIFEST, STAGING);

        assertThatThrownBy(() -> promote(Map.of("manifest", MANIFEST)))
                .isInstanceOf(StepFailure.class)
                .hasMessage("Release of staging-us-east-2 failed in: images product1");

        assertThat(pipeline.parallelArguments).containsKey("images product1").hasSize(7);
        assertThat(pipeline.builds.values().stream().mapToInt(List::size).sum()).isEqualTo(6);
        assertThat(String.join("\n", pipeline.echoes))
                .contains("  FAILURE  images product1  image promotion is not available in this version of Release"
                        + " Train; the images of product1 were not retagged: product1/image/product1/microservice-1,"
                        + " product1/image/product1/microservice-2, product1/image/product1/microservice-3");
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

        assertThat(pipeline.planArguments)
                .containsExactly(
                        Map.of("manifest", MANIFEST, "resume", true, "jobTemplate", "deploy/${workflowBase}-staging"));
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
                .contains("  SUCCESS  deploy product1/cf-edge-s3  release-jobs/lambda-job #1\n")
                .contains("  FAILURE  deploy product1/portal  release-jobs/s3-upload-portal #1"
                        + "  release-jobs/s3-upload-portal #1 finished FAILURE");
        assertThat(pipeline.getCurrentBuild().getDescription())
                .endsWith(": 5 of 6 branches succeeded, 0 artifacts skipped");
    }

    @Test
    void failFastIsPassedToParallelAndStopsTheRemainingBranches() throws Exception {
        write(MANIFEST, DEPLOYMENTS_ONLY);
        pipeline.finish("release-jobs/lambda-job", "UNSTABLE");

        assertThatThrownBy(() -> promote(Map.of("manifest", MANIFEST, "failFast", true)))
                .isInstanceOf(StepFailure.class)
                .hasMessageStartingWith("Release of staging-us-east-2 failed in: deploy product1/cf-edge-s3, ");

        assertThat(pipeline.parallelArguments).containsEntry("failFast", true);
        assertThat(pipeline.branchesStarted).containsExactly("deploy product1/cf-edge-s3");
        assertThat(String.join("\n", pipeline.echoes))
                .contains("  UNSTABLE  deploy product1/cf-edge-s3")
                .contains("  NOT_BUILT  deploy product1/apigw-main");
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
                .containsExactly("product1/deploy/cf-edge-s3", "product1/deploy/lic-verf");
        assertThat(handled.get(0)).containsEntry("RELEASE_ENVIRONMENT", "staging-us-east-2");
        assertThat(pipeline.builds).doesNotContainKey("release-jobs/lambda-job").hasSize(4);
        assertThat(results(outcome))
                .filteredOn(r -> "lambda-job".equals(r.get("handler")))
                .hasSize(2);
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
                .hasMessage("promoteRelease does not know the parameter failfast; it takes manifest, against,"
                        + " jobTemplate, resume, all, failFast, handlers");
        assertThatThrownBy(() -> promote(Map.of("against", DEPLOYED)))
                .hasMessageStartingWith("promoteRelease needs the manifest to promote");
        assertThatThrownBy(() -> promote(Map.of("manifest", MANIFEST, "handlers", Map.of("lambda-job", "echo hi"))))
                .hasMessage("promoteRelease handler for lambda-job is not a closure");
        assertThat(pipeline.steps).isEmpty();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> results(Map<String, Object> outcome) {
        return (List<Map<String, Object>>) outcome.get("results");
    }

    private static void assertSerializable(Object value) throws IOException {
        try (ObjectOutputStream out = new ObjectOutputStream(new ByteArrayOutputStream())) {
            out.writeObject(value);
        }
    }
}
