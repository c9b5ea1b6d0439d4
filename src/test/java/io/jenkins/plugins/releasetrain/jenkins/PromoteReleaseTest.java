package io.jenkins.plugins.releasetrain.jenkins;

import static io.jenkins.plugins.releasetrain.jenkins.ExampleManifests.RESOURCES_COMMIT;
import static io.jenkins.plugins.releasetrain.jenkins.ExampleManifests.STAGING;
import static io.jenkins.plugins.releasetrain.jenkins.ExampleManifests.replaceOnce;
import static io.jenkins.plugins.releasetrain.jenkins.ExampleManifests.staging;
import static io.jenkins.plugins.releasetrain.jenkins.ExampleManifests.withoutImages;
import static io.jenkins.plugins.releasetrain.jenkins.ExampleManifests.writeFile;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import hudson.model.ParameterDefinition;
import hudson.model.ParameterValue;
import hudson.model.ParametersAction;
import hudson.model.ParametersDefinitionProperty;
import hudson.model.Result;
import hudson.model.StringParameterDefinition;
import io.jenkins.plugins.releasetrain.ledger.ArtifactStatus;
import io.jenkins.plugins.releasetrain.ledger.EnvironmentLedger;
import io.jenkins.plugins.releasetrain.ledger.ReleaseRun;
import io.jenkins.plugins.releasetrain.ledger.ReleaseStatus;
import io.jenkins.plugins.releasetrain.ledger.RunId;
import io.jenkins.plugins.releasetrain.manifest.Release;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jenkins.model.JenkinsLocationConfiguration;
import net.sf.json.JSONObject;
import org.jenkinsci.plugins.workflow.actions.ThreadNameAction;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.graphanalysis.DepthFirstScanner;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jenkinsci.plugins.workflow.support.steps.input.InputAction;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockFolder;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** {@code promoteRelease} in real Jenkins, with one downstream Pipeline job per workflowBase of the example. */
@WithJenkins
class PromoteReleaseTest {

    private static final List<String> WORKFLOW_BASES = List.of(
            "lambda-job", "s3-upload-resources", "s3-upload-public-assets", "s3-upload-portal", "api-gw-deploy");
    private static final List<String> DEPLOY_BRANCHES = List.of(
            "deploy product1/cf-edge-s3",
            "deploy product1/lic-verf",
            "deploy product1/resources",
            "deploy product1/assets",
            "deploy product1/portal",
            "deploy product1/apigw-main");

    /** release-jobs/WORKFLOW_BASE for each workflowBase, declaring the release context; {@code failing} fails. */
    static Map<String, WorkflowJob> deploymentJobs(JenkinsRule j, String failing) throws Exception {
        Release release = ExampleManifests.release(STAGING, staging());
        List<ParameterDefinition> parameters = new ArrayList<>();
        for (String name :
                ExampleManifests.context(release, "product1/deploy/cf-edge-s3").keySet()) {
            parameters.add(new StringParameterDefinition(name, ""));
        }
        MockFolder folder = j.createFolder("release-jobs");
        Map<String, WorkflowJob> jobs = new LinkedHashMap<>();
        for (String workflowBase : WORKFLOW_BASES) {
            WorkflowJob job = folder.createProject(WorkflowJob.class, workflowBase);
            job.addProperty(new ParametersDefinitionProperty(parameters));
            String script = "echo \"deploying ${params.RELEASE_ARTIFACT_ID} at ${params.RELEASE_GIT_COMMIT}\"";
            if (workflowBase.equals(failing)) {
                script += "\nerror 'the deployment failed'";
            }
            job.setDefinition(new CpsFlowDefinition(script, true));
            jobs.put(workflowBase, job);
        }
        return jobs;
    }

    private static WorkflowRun promote(JenkinsRule j, Result expected, String script) throws Exception {
        WorkflowJob job = j.createProject(WorkflowJob.class, "promote");
        job.setDefinition(new CpsFlowDefinition(script, true));
        return j.buildAndAssertStatus(expected, job);
    }

    private static List<String> parallelBranches(WorkflowRun run) {
        List<String> names = new ArrayList<>();
        for (FlowNode node : new DepthFirstScanner().allNodes(run.getExecution())) {
            ThreadNameAction branch = node.getAction(ThreadNameAction.class);
            if (branch != null) {
                names.add(branch.getThreadName());
            }
        }
        return names;
    }

    private static Map<String, String> parametersOf(WorkflowRun run) {
        Map<String, String> values = new LinkedHashMap<>();
        for (ParameterValue value : run.getAction(ParametersAction.class).getParameters()) {
            values.put(value.getName(), String.valueOf(value.getValue()));
        }
        return values;
    }

    @Test
    void promotesEachDeploymentThroughItsJobWithTheReleaseContext(JenkinsRule j) throws Exception {
        Map<String, WorkflowJob> jobs = deploymentJobs(j, null);
        String manifest = withoutImages(staging());

        WorkflowRun run = promote(
                j,
                Result.SUCCESS,
                "node {\n" + writeFile(STAGING, manifest)
                        + "  def outcome = promoteRelease manifest: '" + STAGING + "'\n"
                        + "  echo \"succeeded=${outcome.succeeded} results=${outcome.results.size()}\"\n"
                        + "}");

        Release release = ExampleManifests.release(STAGING, manifest);
        j.assertLogContains("Lock acquired on [Resource: release-train/staging-us-east-2]", run);
        j.assertLogContains("succeeded=true results=6", run);
        assertThat(parallelBranches(run), containsInAnyOrder(DEPLOY_BRANCHES.toArray()));
        assertThat(jobs.get("lambda-job").getBuilds(), hasSize(2));
        for (String workflowBase : WORKFLOW_BASES.subList(1, WORKFLOW_BASES.size())) {
            assertThat(jobs.get(workflowBase).getBuilds(), hasSize(1));
        }
        for (WorkflowJob job : jobs.values()) {
            for (WorkflowRun deployment : job.getBuilds()) {
                Map<String, String> parameters = parametersOf(deployment);
                assertThat(parameters, is(ExampleManifests.context(release, parameters.get("RELEASE_ARTIFACT_ID"))));
            }
        }
        assertThat(
                run.getDescription(),
                is("staging-us-east-2 " + release.id().shortForm()
                        + ": 6 of 6 branches succeeded, 0 artifacts skipped"));
        assertThat(run.getAction(InputAction.class), nullValue());
    }

    @Test
    void aDeploymentThatSucceededStaysSucceededWhenJenkinsHasNoRootUrl(JenkinsRule j) throws Exception {
        deploymentJobs(j, null);
        // A fresh install, or a controller behind a proxy with no URL configured: Run.getAbsoluteUrl() throws.
        JenkinsLocationConfiguration.get().setUrl(null);

        promote(
                j,
                Result.SUCCESS,
                "node {\n" + writeFile(STAGING, withoutImages(staging())) + "  promoteRelease manifest: '" + STAGING
                        + "'\n}");

        ReleaseRun recorded = ReleaseTrainConfiguration.get()
                .ledger()
                .read("staging-us-east-2")
                .run(RunId.forBuild("promote", 1))
                .orElseThrow();
        assertThat(recorded.status().orElseThrow(), is(ReleaseStatus.SUCCEEDED));
        assertThat(recorded.count(ArtifactStatus.SUCCEEDED), is(6L));
        assertThat(
                recorded.result("product1/deploy/portal").orElseThrow().message(),
                is("release-jobs/s3-upload-portal #1 SUCCESS"));
    }

    @Test
    void recordsEveryRunInTheLedgerAndResumeRerunsOnlyWhatFailed(JenkinsRule j) throws Exception {
        Map<String, WorkflowJob> jobs = deploymentJobs(j, "s3-upload-portal");
        WorkflowJob job = j.createProject(WorkflowJob.class, "promote");
        job.setDefinition(new CpsFlowDefinition(
                "node {\n" + writeFile(STAGING, withoutImages(staging())) + "  promoteRelease manifest: '" + STAGING
                        + "', resume: true\n}",
                true));
        j.buildAndAssertStatus(Result.FAILURE, job);
        jobs.get("s3-upload-portal").setDefinition(new CpsFlowDefinition("echo 'the portal deploys now'", true));

        WorkflowRun second = j.buildAndAssertStatus(Result.SUCCESS, job);

        assertThat(jobs.get("s3-upload-portal").getBuilds(), hasSize(2));
        assertThat(jobs.get("lambda-job").getBuilds(), hasSize(2));
        EnvironmentLedger ledger = ReleaseTrainConfiguration.get().ledger().read("staging-us-east-2");
        ReleaseRun firstRun = ledger.run(RunId.forBuild("promote", 1)).orElseThrow();
        ReleaseRun secondRun = ledger.run(RunId.forBuild("promote", 2)).orElseThrow();
        assertThat(firstRun.status().orElseThrow(), is(ReleaseStatus.FAILED));
        assertThat(firstRun.started().details().get("jenkins.job"), is("promote"));
        assertThat(firstRun.started().details().get("jenkins.build"), is("1"));
        assertThat(firstRun.started().details().get("jenkins.url"), is(j.getURL() + "job/promote/1/"));
        assertThat(firstRun.result("product1/deploy/portal").orElseThrow().status(), is(ArtifactStatus.FAILED));
        assertThat(secondRun.status().orElseThrow(), is(ReleaseStatus.SUCCEEDED));
        assertThat(secondRun.result("product1/deploy/portal").orElseThrow().status(), is(ArtifactStatus.SUCCEEDED));
        assertThat(secondRun.count(ArtifactStatus.UNCHANGED), is(5L));
        j.assertLogContains("compared with what the ledger records as live", second);

        JSONObject action = j.getJSON(second.getUrl() + "release-staging-us-east-2/api/json")
                .getJSONObject();
        assertThat(action.getString("environment"), is("staging-us-east-2"));
        assertThat(action.getString("runId"), is("promote#2"));
        assertThat(action.getString("status"), is("succeeded"));
        assertThat(action.getJSONArray("artifacts").size(), is(6));
        JSONObject build = j.getJSON(second.getUrl() + "api/json").getJSONObject();
        JSONObject exported = null;
        for (Object candidate : build.getJSONArray("actions")) {
            if (candidate instanceof JSONObject json
                    && ReleaseAction.class.getName().equals(json.optString("_class"))) {
                exported = json;
            }
        }
        assertThat(exported, notNullValue());
        assertThat(
                exported.getString("releaseId"),
                is(ExampleManifests.release(STAGING, withoutImages(staging()))
                        .id()
                        .value()));
        JSONObject portal = exported.getJSONArray("artifacts").getJSONObject(0);
        assertThat(portal.getString("artifactId"), is("product1/deploy/portal"));
        assertThat(portal.getString("status"), is("succeeded"));
        String page = j.createWebClient()
                .getPage(second, "release-staging-us-east-2/")
                .asNormalizedText();
        assertThat(page, containsString("product1/deploy/portal"));
    }

    @Test
    void tagsTheImagesInAConfiguredOciLayoutRegistryAndSumsThemUpOnTheBuildPage(JenkinsRule j) throws Exception {
        Map<String, WorkflowJob> jobs = deploymentJobs(j, null);
        Path layouts = new File(j.jenkins.getRootDir(), "images").toPath();
        ExampleImages.build(layouts);
        ReleaseRegistry local = new ReleaseRegistry("local", ReleaseRegistry.OCI_LAYOUT);
        local.setUrl(layouts.toString());
        ReleaseTrainConfiguration.get().setRegistries(List.of(local));

        WorkflowRun run = promote(
                j,
                Result.SUCCESS,
                "node {\n" + writeFile(STAGING, staging()) + "  promoteRelease manifest: '" + STAGING + "'\n}");

        assertThat(parallelBranches(run), hasItem("images product1"));
        assertThat(jobs.get("lambda-job").getBuilds(), hasSize(2));
        for (String[] image : ExampleImages.IMAGES) {
            String destination = "stage_us_" + image[1].substring("dev_".length());
            assertThat(
                    ExampleImages.digest(layouts, image[0], destination),
                    is(ExampleImages.digest(layouts, image[0], image[1])));
        }
        j.assertLogContains("3 images: 3 tagged, 0 unchanged, 0 failed in ", run);
        ImagePromotionAction images = run.getAction(ImagePromotionAction.class);
        assertThat(images.count("tagged"), is(3L));
        String page = j.createWebClient().getPage(run).asNormalizedText();
        assertThat(page, containsString("Image tags set by tagImages: 3 tagged, 0 unchanged"));
        ReleaseRun recorded = ReleaseTrainConfiguration.get()
                .ledger()
                .read("staging-us-east-2")
                .run(RunId.forBuild("promote", 1))
                .orElseThrow();
        assertThat(recorded.count(ArtifactStatus.SUCCEEDED), is(9L));
        assertThat(
                recorded.result("product1/image/product1/microservice-2")
                        .orElseThrow()
                        .message(),
                startsWith("tagged product1/microservice-2:dev_456 -> product1/microservice-2:stage_us_456 sha256:"));
    }

    @Test
    void tagImagesOnItsOwnFindsTaggedImagesUnchangedAndRefusesDirectoriesAPipelineNames(JenkinsRule j)
            throws Exception {
        Path layouts = new File(j.jenkins.getRootDir(), "images").toPath();
        ExampleImages.build(layouts);
        ReleaseRegistry local = new ReleaseRegistry("local", ReleaseRegistry.OCI_LAYOUT);
        local.setUrl(layouts.toString());
        ReleaseTrainConfiguration.get().setRegistries(List.of(local));

        WorkflowRun run = promote(
                j,
                Result.SUCCESS,
                "node {\n" + writeFile(STAGING, staging())
                        + "  def first = tagImages manifest: '" + STAGING + "', registry: 'local'\n"
                        + "  def again = tagImages manifest: '" + STAGING + "', products: ['product1']\n"
                        + "  echo \"first=${first.summary.tagged} again=${again.summary.unchanged}"
                        + " status=${again.images[0].status}\"\n"
                        + "  catchError(buildResult: 'SUCCESS', stageResult: 'SUCCESS') {\n"
                        + "    tagImages manifest: '" + STAGING + "', registry: 'oci-layout:" + layouts + "'\n"
                        + "  }\n"
                        + "}");

        j.assertLogContains("first=3 again=3 status=unchanged", run);
        j.assertLogContains("only administrators can choose those", run);
        assertThat(run.getAction(ImagePromotionAction.class).getImages(), hasSize(6));
    }

    @Test
    void handlerClosureDeploysItsWorkflowBaseInsteadOfAJob(JenkinsRule j) throws Exception {
        Map<String, WorkflowJob> jobs = deploymentJobs(j, null);

        WorkflowRun run = promote(
                j,
                Result.SUCCESS,
                "node {\n" + writeFile(STAGING, withoutImages(staging()))
                        + "  promoteRelease manifest: '" + STAGING + "', handlers: [\n"
                        + "    'lambda-job': { ctx -> echo \"lambda handler ${ctx.RELEASE_GIT_REPO_SHORT_NAME} ${ctx.RELEASE_GIT_COMMIT}\" }\n"
                        + "  ]\n"
                        + "}");

        j.assertLogContains("lambda handler cf-edge-s3 0017ee3735f0c652c604f905523e8c3da0bfeba4", run);
        j.assertLogContains("lambda handler lic-verf 77e5368b50c42384093c754055e3856b4a2dfa6e", run);
        assertThat(jobs.get("lambda-job").getBuilds(), empty());
        assertThat(jobs.get("s3-upload-portal").getBuilds(), hasSize(1));
    }

    @Test
    void failedDeploymentFailsTheReleaseAndNamesItsBranch(JenkinsRule j) throws Exception {
        Map<String, WorkflowJob> jobs = deploymentJobs(j, "s3-upload-portal");

        WorkflowRun run = promote(
                j,
                Result.FAILURE,
                "node {\n" + writeFile(STAGING, withoutImages(staging())) + "  promoteRelease manifest: '" + STAGING
                        + "'\n}");

        j.assertLogContains("Release of staging-us-east-2 failed in: deploy product1/portal", run);
        j.assertLogContains("release-jobs/s3-upload-portal #1 finished FAILURE", run);
        assertThat(jobs.get("api-gw-deploy").getLastBuild().getResult(), is(Result.SUCCESS));
        assertThat(run.getDescription().endsWith(": 5 of 6 branches succeeded, 0 artifacts skipped"), is(true));
    }

    @Test
    void runsOnlyWhatTheDeployedManifestDoesNotHave(JenkinsRule j) throws Exception {
        Map<String, WorkflowJob> jobs = deploymentJobs(j, null);
        String deployed =
                replaceOnce(staging(), RESOURCES_COMMIT, "gitCommit: 3e1bfbd23a381c770cac57e56fb08d66c00b77ee");

        WorkflowRun run = promote(
                j,
                Result.SUCCESS,
                "node {\n" + writeFile(STAGING, staging()) + writeFile("deployed/staging.yaml", deployed)
                        + "  promoteRelease manifest: '" + STAGING + "', against: 'deployed/staging.yaml'\n"
                        + "}");

        assertThat(parallelBranches(run), containsInAnyOrder("deploy product1/resources"));
        assertThat(jobs.get("s3-upload-resources").getBuilds(), hasSize(1));
        assertThat(jobs.get("lambda-job").getBuilds(), empty());
        j.assertLogContains("skip product1/image/product1/microservice-1 (unchanged)", run);
    }

    /** A Declarative Pipeline whose one stage writes the staging manifest, then runs {@code promote}. */
    private static String declarative(String promote) {
        return "pipeline {\n"
                + "  agent any\n"
                + "  stages {\n"
                + "    stage('Promote') {\n"
                + "      steps {\n"
                + "        " + writeFile(STAGING, withoutImages(staging()))
                + promote
                + "      }\n"
                + "    }\n"
                + "  }\n"
                + "}";
    }

    @Test
    void declarativePipelinePromotesDirectlyInSteps(JenkinsRule j) throws Exception {
        deploymentJobs(j, null);

        WorkflowRun run = promote(
                j, Result.SUCCESS, declarative("        promoteRelease manifest: '" + STAGING + "', failFast: true\n"));

        assertThat(parallelBranches(run), hasSize(6));
    }

    @Test
    void declarativePipelinePromotesFromAScriptBlock(JenkinsRule j) throws Exception {
        deploymentJobs(j, null);

        WorkflowRun run = promote(
                j,
                Result.SUCCESS,
                declarative("        script {\n"
                        + "          promoteRelease manifest: '" + STAGING + "', failFast: true\n"
                        + "        }\n"));

        assertThat(parallelBranches(run), hasSize(6));
    }
}
