package io.jenkins.plugins.releasetrain.jenkins;

import static io.jenkins.plugins.releasetrain.jenkins.ExampleManifests.RESOURCES_COMMIT;
import static io.jenkins.plugins.releasetrain.jenkins.ExampleManifests.STAGING;
import static io.jenkins.plugins.releasetrain.jenkins.ExampleManifests.replaceOnce;
import static io.jenkins.plugins.releasetrain.jenkins.ExampleManifests.staging;
import static io.jenkins.plugins.releasetrain.jenkins.ExampleManifests.withoutImages;
import static io.jenkins.plugins.releasetrain.jenkins.ExampleManifests.writeFile;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

import hudson.model.ParameterDefinition;
import hudson.model.ParameterValue;
import hudson.model.ParametersAction;
import hudson.model.ParametersDefinitionProperty;
import hudson.model.Result;
import hudson.model.StringParameterDefinition;
import io.jenkins.plugins.releasetrain.manifest.Release;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jenkinsci.plugins.workflow.actions.ThreadNameAction;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.graphanalysis.DepthFirstScanner;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
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
    private static Map<String, WorkflowJob> deploymentJobs(JenkinsRule j, String failing) throws Exception {
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
    }

    @Test
    void imageBranchFailsUntilImagePromotionIsAvailable(JenkinsRule j) throws Exception {
        Map<String, WorkflowJob> jobs = deploymentJobs(j, null);

        WorkflowRun run = promote(
                j,
                Result.FAILURE,
                "node {\n" + writeFile(STAGING, staging()) + "  promoteRelease manifest: '" + STAGING + "'\n}");

        j.assertLogContains("image promotion is not available in this version of Release Train", run);
        j.assertLogContains("Release of staging-us-east-2 failed in: images product1", run);
        assertThat(jobs.get("lambda-job").getBuilds(), hasSize(2));
        assertThat(jobs.get("api-gw-deploy").getBuilds(), hasSize(1));
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

    @Test
    void declarativePipelinePromotesFromAScriptBlock(JenkinsRule j) throws Exception {
        deploymentJobs(j, null);

        WorkflowRun run = promote(
                j,
                Result.SUCCESS,
                "pipeline {\n"
                        + "  agent any\n"
                        + "  stages {\n"
                        + "    stage('Promote') {\n"
                        + "      steps {\n"
                        + "        " + writeFile(STAGING, withoutImages(staging()))
                        + "        script {\n"
                        + "          promoteRelease manifest: '" + STAGING + "', failFast: true\n"
                        + "        }\n"
                        + "      }\n"
                        + "    }\n"
                        + "  }\n"
                        + "}");

        assertThat(parallelBranches(run), hasSize(6));
    }
}
