package io.jenkins.plugins.releasetrain.jenkins;

import static io.jenkins.plugins.releasetrain.jenkins.ExampleManifests.PRODUCTION;
import static io.jenkins.plugins.releasetrain.jenkins.ExampleManifests.RESOURCES_COMMIT;
import static io.jenkins.plugins.releasetrain.jenkins.ExampleManifests.STAGING;
import static io.jenkins.plugins.releasetrain.jenkins.ExampleManifests.production;
import static io.jenkins.plugins.releasetrain.jenkins.ExampleManifests.replaceOnce;
import static io.jenkins.plugins.releasetrain.jenkins.ExampleManifests.staging;
import static io.jenkins.plugins.releasetrain.jenkins.ExampleManifests.writeFile;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import hudson.model.Result;
import io.jenkins.plugins.releasetrain.manifest.Diagnostic;
import io.jenkins.plugins.releasetrain.manifest.ManifestException;
import io.jenkins.plugins.releasetrain.manifest.ManifestLoader;
import io.jenkins.plugins.releasetrain.manifest.Release;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

@WithJenkins
class ReleaseManifestStepsTest {

    /** The staging example with two errors: a version with a leading 'v' and an unknown deploy target. */
    static String invalidStaging() {
        String text = replaceOnce(staging(), "releaseVersion: 1.9.0", "releaseVersion: v1.9.0");
        return replaceOnce(text, "deployTarget: apigw", "deployTarget: api-gateway");
    }

    private static List<Diagnostic> errorsOf(String path, String text) {
        ManifestException e = assertThrows(ManifestException.class, () -> new ManifestLoader().load(path, text));
        return e.errors();
    }

    private static WorkflowRun run(JenkinsRule j, Result expected, String script) throws Exception {
        WorkflowJob job = j.createProject(WorkflowJob.class);
        job.setDefinition(new CpsFlowDefinition(script, true));
        return j.buildAndAssertStatus(expected, job);
    }

    @Test
    void readReleaseManifestReturnsTheReleaseAsPlainMaps(JenkinsRule j) throws Exception {
        WorkflowRun run = run(
                j,
                Result.SUCCESS,
                "node {\n" + writeFile(STAGING, staging())
                        + "  def release = readReleaseManifest file: '" + STAGING + "'\n"
                        + "  echo \"environment=${release.environment.name} products=${release.products.size()}"
                        + " artifacts=${release.artifacts.size()} map=${release instanceof Map}\"\n"
                        + "  echo \"first=${release.artifacts[0].id} commit=${release.artifacts[0].gitCommit}\"\n"
                        + "}");

        j.assertLogContains("environment=staging-us-east-2 products=1 artifacts=9 map=true", run);
        j.assertLogContains("first=product1/deploy/cf-edge-s3 commit=0017ee3735f0c652c604f905523e8c3da0bfeba4", run);
    }

    @Test
    void readReleaseManifestSaysWhereTheEnvironmentStandsInPromotionOrder(JenkinsRule j) throws Exception {
        ReleaseEnvironment production = new ReleaseEnvironment("production-us-east-2");
        production.setUpstream("staging-us-east-2");
        ReleaseTrainConfiguration.get()
                .setEnvironments(List.of(new ReleaseEnvironment("staging-us-east-2"), production));

        WorkflowRun run = run(
                j,
                Result.SUCCESS,
                "def staging = readReleaseManifest text: '''" + staging() + "'''\n"
                        + "def production = readReleaseManifest text: '''" + production() + "'''\n"
                        + "echo \"order staging=${staging.promotionOrder} production=${production.promotionOrder}\"");

        j.assertLogContains("order staging=0 production=1", run);
    }

    @Test
    void readReleaseManifestTakesTheManifestAsTextOutsideANode(JenkinsRule j) throws Exception {
        WorkflowRun run = run(
                j,
                Result.SUCCESS,
                "def release = readReleaseManifest text: '''" + staging() + "'''\n"
                        + "echo \"releaseId=${release.releaseId}\"");

        Release release = new ManifestLoader().load("manifest", staging()).release();
        j.assertLogContains("releaseId=" + release.id().value(), run);
    }

    @Test
    void readReleaseManifestFailsWithEveryErrorAtItsFileLineAndColumn(JenkinsRule j) throws Exception {
        WorkflowRun run = run(
                j,
                Result.FAILURE,
                "node {\n" + writeFile(STAGING, invalidStaging()) + "  readReleaseManifest file: '" + STAGING + "'\n}");

        List<Diagnostic> errors = errorsOf(STAGING, invalidStaging());
        assertThat(errors, hasSize(2));
        j.assertLogContains("2 errors in the release manifest", run);
        for (Diagnostic error : errors) {
            j.assertLogContains(
                    STAGING + ":" + error.position().line() + ":"
                            + error.position().column() + ": error: " + error.message(),
                    run);
        }
    }

    @Test
    void readReleaseManifestRefusesPathsOutsideTheWorkspace(JenkinsRule j) throws Exception {
        WorkflowRun run = run(j, Result.FAILURE, "node { readReleaseManifest file: '../credentials.yaml' }");

        j.assertLogContains("'../credentials.yaml' leaves the workspace through '..'", run);
    }

    @Test
    void readReleaseManifestNeedsExactlyOneSource(JenkinsRule j) throws Exception {
        WorkflowRun run = run(j, Result.FAILURE, "readReleaseManifest()");

        j.assertLogContains("Give readReleaseManifest exactly one of file:", run);
    }

    @Test
    void validateReleaseManifestListsEveryErrorOnTheBuildPage(JenkinsRule j) throws Exception {
        WorkflowRun run = run(
                j,
                Result.FAILURE,
                "node {\n" + writeFile(STAGING, invalidStaging()) + "  validateReleaseManifest file: '" + STAGING
                        + "'\n}");

        ManifestValidationAction action = run.getAction(ManifestValidationAction.class);
        assertThat(action.isValid(), is(false));
        assertThat(action.getErrors(), hasSize(2));
        j.assertLogContains(STAGING + " is not a valid release manifest: 2 errors, listed above", run);
        String page = j.createWebClient().getPage(run).asNormalizedText();
        assertThat(page, containsString("Release manifest " + STAGING + " is invalid: 2 errors"));
        for (Diagnostic error : errorsOf(STAGING, invalidStaging())) {
            assertThat(page, containsString(error.position() + ": error: " + error.message()));
        }
    }

    @Test
    void validateReleaseManifestCanReportWithoutFailing(JenkinsRule j) throws Exception {
        WorkflowRun run = run(
                j,
                Result.SUCCESS,
                "node {\n" + writeFile(STAGING, invalidStaging())
                        + "  def result = validateReleaseManifest file: '" + STAGING + "', failOnError: false\n"
                        + "  echo \"valid=${result.valid} errors=${result.diagnostics.findAll { it.severity == 'error' }.size()}\"\n"
                        + "}");

        j.assertLogContains("valid=false errors=2", run);
    }

    @Test
    void validateReleaseManifestShowsWhatMergingWouldDeploy(JenkinsRule j) throws Exception {
        String changed =
                replaceOnce(production(), "gitCommit: 3e1bfbd23a381c770cac57e56fb08d66c00b77ee", RESOURCES_COMMIT);
        WorkflowRun run = run(
                j,
                Result.SUCCESS,
                "node {\n" + writeFile(PRODUCTION, changed) + writeFile("deployed/production.yaml", production())
                        + "  validateReleaseManifest file: '" + PRODUCTION + "', against: 'deployed/production.yaml'\n"
                        + "}");

        String branch = "  deploy product1/resources  release-jobs/s3-upload-resources (changed)";
        j.assertLogContains(branch, run);
        ManifestValidationAction action = run.getAction(ManifestValidationAction.class);
        assertThat(action.isValid(), is(true));
        assertThat(action.getPlan(), containsString(branch));
    }

    @Test
    void releasePlanReturnsOneBranchPerDeploymentAndOnePerProductsImages(JenkinsRule j) throws Exception {
        WorkflowRun run = run(
                j,
                Result.SUCCESS,
                "node {\n" + writeFile(STAGING, staging())
                        + "  def plan = releasePlan manifest: '" + STAGING + "'\n"
                        + "  echo \"branches=${plan.branches.collect { it.name }}\"\n"
                        + "  def first = plan.branches[0]\n"
                        + "  echo \"job=${first.job} parameters=${first.parameters.collect { it.name + '=' + it.value }.join(',')}\"\n"
                        + "}");

        j.assertLogContains(
                "branches=[deploy product1/cf-edge-s3, deploy product1/lic-verf, deploy product1/resources,"
                        + " deploy product1/assets, deploy product1/portal, deploy product1/apigw-main,"
                        + " images product1]",
                run);
        Map<String, String> context =
                ExampleManifests.context(ExampleManifests.release(STAGING, staging()), "product1/deploy/cf-edge-s3");
        j.assertLogContains(
                "job=release-jobs/lambda-job parameters="
                        + context.entrySet().stream()
                                .map(e -> e.getKey() + "=" + e.getValue())
                                .collect(Collectors.joining(",")),
                run);
    }

    @Test
    void releasePlanUsesTheConfiguredJobTemplate(JenkinsRule j) throws Exception {
        ReleaseTrainConfiguration.get().setDefaultJobTemplate("deploy/${workflowBase}");

        WorkflowRun run = run(
                j,
                Result.SUCCESS,
                "node {\n" + writeFile(STAGING, staging())
                        + "  echo \"job=${releasePlan(manifest: '" + STAGING + "').branches[0].job}\"\n"
                        + "}");

        j.assertLogContains("job=deploy/lambda-job", run);
    }

    @Test
    void releasePlanRefusesEnvironmentsAdministratorsHaveNotConfigured(JenkinsRule j) throws Exception {
        ReleaseTrainConfiguration.get().setEnvironments(List.of(new ReleaseEnvironment("production-us-east-2")));

        WorkflowRun run = run(
                j,
                Result.FAILURE,
                "node {\n" + writeFile(STAGING, staging()) + "  releasePlan manifest: '" + STAGING + "'\n}");

        j.assertLogContains(
                "The manifest is for the environment staging-us-east-2, which is not configured in Manage Jenkins",
                run);
    }

    @Test
    void releasePlanRefusesAllTogetherWithResume(JenkinsRule j) throws Exception {
        WorkflowRun run = run(
                j,
                Result.FAILURE,
                "node {\n" + writeFile(STAGING, staging()) + "  releasePlan manifest: '" + STAGING
                        + "', all: true, resume: true\n}");

        j.assertLogContains("Choose either all: true", run);
    }
}
