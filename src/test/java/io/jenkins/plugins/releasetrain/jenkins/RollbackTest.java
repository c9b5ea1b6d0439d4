package io.jenkins.plugins.releasetrain.jenkins;

import static io.jenkins.plugins.releasetrain.jenkins.ExampleManifests.RESOURCES_COMMIT;
import static io.jenkins.plugins.releasetrain.jenkins.ExampleManifests.STAGING;
import static io.jenkins.plugins.releasetrain.jenkins.ExampleManifests.replaceOnce;
import static io.jenkins.plugins.releasetrain.jenkins.ExampleManifests.staging;
import static io.jenkins.plugins.releasetrain.jenkins.ExampleManifests.withoutImages;
import static io.jenkins.plugins.releasetrain.jenkins.ExampleManifests.writeFile;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import hudson.ExtensionList;
import hudson.model.Cause;
import hudson.model.CauseAction;
import hudson.model.Item;
import hudson.model.ParametersAction;
import hudson.model.Result;
import io.jenkins.plugins.releasetrain.image.Digest;
import io.jenkins.plugins.releasetrain.ledger.ArtifactResult;
import io.jenkins.plugins.releasetrain.ledger.EnvironmentLedger;
import io.jenkins.plugins.releasetrain.ledger.ReleaseRun;
import io.jenkins.plugins.releasetrain.ledger.RunId;
import io.jenkins.plugins.releasetrain.manifest.Release;
import java.io.File;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import jenkins.model.Jenkins;
import org.htmlunit.HttpMethod;
import org.htmlunit.WebRequest;
import org.htmlunit.html.HtmlPage;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jenkinsci.plugins.workflow.support.steps.input.InputStepExecution;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.TestExtension;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Rolling an environment back in Jenkins: {@code promoteRelease rollback: true}, the "Roll back to this release"
 * button of a release's page, and what a Jenkinsfile cannot make a rollback do.
 */
@WithJenkins
class RollbackTest {

    private static final String ENVIRONMENT = "staging-us-east-2";
    private static final String REPOSITORY = "product1/microservice-1";
    private static final String MS1 = "product1/image/product1/microservice-1";
    /** The example, with its images: microservice-1 at dev_123. */
    private static final String V1 = staging();
    /** The next release: microservice-1 at dev_124. */
    private static final String V2 = replaceOnce(V1, "sourceTag: dev_123", "sourceTag: dev_124");

    @TestExtension
    public static final class Saves extends BuildSaves {}

    /** The example's images and dev_124 in OCI layouts, the registry "local" of the configuration. */
    private static Path images(JenkinsRule j) throws Exception {
        Path layouts = new File(j.jenkins.getRootDir(), "images").toPath();
        ExampleImages.build(layouts);
        ExampleImages.push(layouts, REPOSITORY, "dev_124", "microservice-1, the next build");
        ReleaseRegistry local = new ReleaseRegistry("local", ReleaseRegistry.OCI_LAYOUT);
        local.setUrl(layouts.toString());
        ReleaseTrainConfiguration.get().setRegistries(List.of(local));
        return layouts;
    }

    /** The job "promote", whose Pipeline releases {@code manifest}. */
    private static WorkflowJob releasing(WorkflowJob job, String manifest) throws Exception {
        job.setDefinition(new CpsFlowDefinition(
                "node {\n" + writeFile(STAGING, manifest) + "  promoteRelease manifest: '" + STAGING + "'\n}", true));
        return job;
    }

    /** The job "promote" after releasing V1, then V2, with the example's images; V1's digest of microservice-1. */
    private record Released(WorkflowJob job, Path layouts, Digest first) {}

    private static Released releasedTwice(JenkinsRule j) throws Exception {
        PromoteReleaseTest.deploymentJobs(j, null);
        Path layouts = images(j);
        WorkflowJob job = j.createProject(WorkflowJob.class, "promote");
        j.buildAndAssertSuccess(releasing(job, V1));
        Digest first = ExampleImages.digest(layouts, REPOSITORY, "stage_us_123").orElseThrow();
        j.buildAndAssertSuccess(releasing(job, V2));
        return new Released(job, layouts, first);
    }

    private static EnvironmentLedger ledger() {
        return ReleaseTrainConfiguration.get().ledger().read(ENVIRONMENT);
    }

    private static ReleaseRun run(int build) {
        return ledger().run(RunId.forBuild("promote", build)).orElseThrow();
    }

    private static Release release(String manifest) {
        return ExampleManifests.release(STAGING, manifest);
    }

    @Test
    void rollsBackToTheEarlierReleaseWithTheExactDigestsItsImagesHad(JenkinsRule j) throws Exception {
        Released released = releasedTwice(j);
        WorkflowJob job = released.job();
        Path layouts = released.layouts();
        Digest first = released.first();
        // Since then dev_123 was built again and stage_us_123 moved by hand: neither changes what comes back.
        ExampleImages.push(layouts, REPOSITORY, "dev_123", "microservice-1, rebuilt");
        ExampleImages.push(layouts, REPOSITORY, "stage_us_123", "microservice-1, moved by hand");

        // No node: a rollback reads nothing from a workspace.
        job.setDefinition(new CpsFlowDefinition(
                "def outcome = promoteRelease rollback: true, environment: '" + ENVIRONMENT + "'\n"
                        + "echo \"rolled back to ${outcome.rollback.to}\"",
                true));
        WorkflowRun rollback = j.buildAndAssertSuccess(job);

        ReleaseRun recorded = run(3);
        assertThat(recorded.releaseId(), is(release(V1).id()));
        assertThat(recorded.rollback().orElseThrow().to().value(), is("promote#1"));
        assertThat(recorded.rollback().orElseThrow().from().orElseThrow().value(), is("promote#2"));
        assertThat(recorded.result(MS1).orElseThrow().details().get(ArtifactResult.DIGEST), is(first.toString()));
        assertThat(ExampleImages.digest(layouts, REPOSITORY, "stage_us_123"), is(Optional.of(first)));
        j.assertLogContains("Rollback of " + ENVIRONMENT + " to run promote#1", rollback);
        j.assertLogContains("rolled back to promote#1", rollback);
        assertThat(ledger().latestRun().orElseThrow().runId().value(), is("promote#3"));
        ReleaseAction action = rollback.getAction(ReleaseAction.class);
        assertThat(action.getRollbackTo(), is("promote#1"));
        assertThat(action.isSucceeded(), is(true));
    }

    @Test
    void aRollbackThatStoppedHalfWayIsContinuedByRollingBackToTheSameRunAgain(JenkinsRule j) throws Exception {
        Released released = releasedTwice(j);
        WorkflowJob job = released.job();
        Path layouts = released.layouts();
        Digest first = released.first();
        ExampleImages.push(layouts, REPOSITORY, "stage_us_123", "microservice-1, moved by hand");
        List<ReleaseRegistry> registries = ReleaseTrainConfiguration.get().getRegistries();
        // No registry: the rollback cannot move the image back, and fails.
        ReleaseTrainConfiguration.get().setRegistries(List.of());
        job.setDefinition(
                new CpsFlowDefinition("promoteRelease rollback: true, environment: '" + ENVIRONMENT + "'", true));
        j.buildAndAssertStatus(Result.FAILURE, job);
        assertThat(run(3).rollback().orElseThrow().to().value(), is("promote#1"));
        ReleaseTrainConfiguration.get().setRegistries(registries);

        // Going "back" again would go past the release it was restoring: it says how to continue instead.
        WorkflowRun refused = j.buildAndAssertStatus(Result.FAILURE, job);
        j.assertLogContains(
                "The latest run of " + ENVIRONMENT + ", promote#3, is a rollback to run promote#1", refused);
        job.setDefinition(new CpsFlowDefinition(
                "promoteRelease rollback: true, environment: '" + ENVIRONMENT + "', rollbackTo: 'promote#1'", true));
        j.buildAndAssertSuccess(job);

        assertThat(run(5).rollback().orElseThrow().to().value(), is("promote#1"));
        assertThat(ExampleImages.digest(layouts, REPOSITORY, "stage_us_123"), is(Optional.of(first)));
    }

    @Test
    void approversApproveARollbackThroughThePromptThatSaysItIsOne(JenkinsRule j) throws Exception {
        WorkflowJob job = releasedTwice(j).job();
        ReleaseApprovalTest.secure(j);
        ReleaseProtectionRule rule = new ReleaseProtectionRule("staging", "staging-*");
        rule.setApproverGroups("release-leads");
        rule.setRequiredApprovals(2);
        // The rule's own count for rollbacks, as administrators set it in the form.
        rule.setRollbackRequiredApprovals("1");
        ReleaseTrainConfiguration.get().setProtectionRules(List.of(rule));
        job.setDefinition(new CpsFlowDefinition(
                "promoteRelease rollback: true, environment: '" + ENVIRONMENT + "', rollbackTo: 'promote#1'", true));

        WorkflowRun rollback = job.scheduleBuild2(0, new CauseAction(new Cause.UserIdCause("carol")))
                .waitForStart();
        InputStepExecution prompt = ExtensionList.lookupSingleton(Saves.class)
                .awaitInput(rollback, ApprovalPrompts.id(release(V1).id().shortForm(), 1));
        assertThat(
                prompt.getInput().getMessage(),
                containsString("is waiting for approval: it is a rollback to run promote#1"));
        assertThat(prompt.getInput().getMessage(), containsString("It needs 1 approval (1 required)"));
        ApprovalPrompts.answer(j, rollback, prompt, "bob", "approve", "back to what worked");

        j.assertBuildStatusSuccess(j.waitForCompletion(rollback));
        assertThat(run(3).rollback().orElseThrow().to().value(), is("promote#1"));
        assertThat(run(3).actor(), is("carol"));
        assertThat(
                ledger().approvals(release(V1).id()).stream()
                        .map(a -> a.actor())
                        .toList(),
                is(List.of("bob")));
    }

    @Test
    void theReleasePageRollsBackForThoseWhoMayBuildTheJobOnly(JenkinsRule j) throws Exception {
        PromoteReleaseTest.deploymentJobs(j, null);
        String v1 = withoutImages(V1);
        String v2 = replaceOnce(v1, RESOURCES_COMMIT, "gitCommit: 5f545ec8f09c81ac645926f755ba13f46434f636");
        WorkflowJob job = j.createProject(WorkflowJob.class, "promote");
        WorkflowRun first = j.buildAndAssertSuccess(releasing(job, v1));
        WorkflowRun second = j.buildAndAssertSuccess(releasing(job, v2));
        j.jenkins.setSecurityRealm(j.createDummySecurityRealm());
        j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ, Item.READ)
                .everywhere()
                .to("alice", "mallory")
                .grant(Item.BUILD)
                .onItems(job)
                .to("alice"));
        String page = first.getUrl() + "release-" + ENVIRONMENT + "/";

        JenkinsRule.WebClient mallory = j.createWebClient()
                .withJavaScriptEnabled(false)
                .login("mallory")
                .withThrowExceptionOnFailingStatusCode(false);
        assertThat(
                mallory.goTo(page).getWebResponse().getContentAsString(),
                not(containsString("Roll back to this release")));
        WebRequest post = mallory.addCrumb(new WebRequest(new URL(j.getURL(), page + "rollback"), HttpMethod.POST));
        assertThat(mallory.getPage(post).getWebResponse().getStatusCode(), is(HttpURLConnection.HTTP_FORBIDDEN));
        // A link cannot roll back: only a POST with a crumb does.
        JenkinsRule.WebClient alice = j.createWebClient()
                .withJavaScriptEnabled(false)
                .login("alice")
                .withThrowExceptionOnFailingStatusCode(false);
        assertThat(
                alice.goTo(page + "rollback", null).getWebResponse().getStatusCode(),
                is(HttpURLConnection.HTTP_BAD_METHOD));
        assertThat(job.getBuilds().size(), is(2));
        // The latest run is live: nothing to roll back to there.
        assertThat(
                alice.goTo(second.getUrl() + "release-" + ENVIRONMENT + "/")
                        .getWebResponse()
                        .getContentAsString(),
                not(containsString("Roll back to this release")));

        HtmlPage releasePage = alice.goTo(page);
        assertThat(releasePage.getWebResponse().getContentAsString(), containsString("Roll back to this release"));
        j.submit(releasePage.getFormByName("rollback"));
        j.waitUntilNoActivity();

        WorkflowRun rollback = job.getBuildByNumber(3);
        j.assertBuildStatusSuccess(rollback);
        ParametersAction parameters = rollback.getAction(ParametersAction.class);
        assertThat(parameters.getParameter(ReleaseAction.ROLLBACK_TO).getValue(), is("promote#1"));
        assertThat(parameters.getParameter(ReleaseAction.ROLLBACK_ENVIRONMENT).getValue(), is(ENVIRONMENT));
        ReleaseRun recorded = run(3);
        assertThat(recorded.rollback().orElseThrow().to().value(), is("promote#1"));
        assertThat(recorded.releaseId(), is(release(v1).id()));
        assertThat(recorded.actor(), is("alice"));
        // The rollback of a rollback goes on from the page of the run it rolled back to.
        assertThat(rollback.getAction(ReleaseAction.class).getRollbackTo(), is("promote#1"));
    }

    @Test
    void aJenkinsfileCannotChooseWhatARollbackRestoresNorRollBackWhereItMayNotRelease(JenkinsRule j) throws Exception {
        Released released = releasedTwice(j);
        WorkflowJob job = released.job();
        Path layouts = released.layouts();
        Digest first = released.first();
        Digest other = ExampleImages.digest(layouts, REPOSITORY, "dev_124").orElseThrow();
        Digest moved = ExampleImages.push(layouts, REPOSITORY, "stage_us_123", "microservice-1, moved by hand");
        ExampleImages.push(layouts, REPOSITORY, "dev_123", "microservice-1, rebuilt");

        // The author of an allowed job's Jenkinsfile cannot hand a rollback the digests of their choice...
        job.setDefinition(new CpsFlowDefinition(
                "def rollback = readReleaseRollback environment: '" + ENVIRONMENT + "', to: 'promote#1',"
                        + " digests: ['" + MS1 + "': '" + other + "']\n"
                        + "tagImages release: rollback.releaseId, registry: 'local'\n",
                true));
        WorkflowRun forged = j.buildAndAssertStatus(Result.FAILURE, job);
        j.assertLogContains("Unknown parameter(s) found for class type", forged);
        assertThat(ExampleImages.digest(layouts, REPOSITORY, "stage_us_123"), is(Optional.of(moved)));
        // ...and what the rollback restores is the ledger's digest, not what the source tag points at now.
        job.setDefinition(new CpsFlowDefinition(
                "def rollback = readReleaseRollback environment: '" + ENVIRONMENT + "', to: 'promote#1'\n"
                        + "releaseApproval release: rollback.releaseId\n"
                        + "tagImages release: rollback.releaseId, registry: 'local', products: ['product1']\n",
                true));
        j.buildAndAssertSuccess(job);
        assertThat(ExampleImages.digest(layouts, REPOSITORY, "stage_us_123"), is(Optional.of(first)));

        // Nor do they pick a run the ledger does not have, or content that never ran here.
        for (String to : new String[] {"promote#9", "0123456789abcdef"}) {
            job.setDefinition(new CpsFlowDefinition(
                    "promoteRelease rollback: true, environment: '" + ENVIRONMENT + "', rollbackTo: '" + to + "'",
                    true));
            WorkflowRun refused = j.buildAndAssertStatus(Result.FAILURE, job);
            j.assertLogContains("no run or release " + to + " in " + ENVIRONMENT, refused);
        }

        // Once a rule protects the environment, a job it does not allow cannot roll it back, and an allowed job
        // cannot tag a rollback that its approval gate did not let through.
        ReleaseProtectionRule rule = new ReleaseProtectionRule("staging", "staging-*");
        rule.setAllowedJobs("promote");
        rule.setApprovers("alice");
        rule.setRequiredApprovals(1);
        ReleaseTrainConfiguration.get().setProtectionRules(List.of(rule));
        WorkflowJob other2 = j.createProject(WorkflowJob.class, "mallory-job");
        other2.setDefinition(
                new CpsFlowDefinition("promoteRelease rollback: true, environment: '" + ENVIRONMENT + "'", true));
        WorkflowRun notAllowed = j.buildAndAssertStatus(Result.FAILURE, other2);
        j.assertLogContains("The job mallory-job may not release into " + ENVIRONMENT, notAllowed);
        assertThat(notAllowed.getAction(ReleaseAction.class), nullValue());

        ExampleImages.push(layouts, REPOSITORY, "stage_us_123", "microservice-1, moved by hand again");
        job.setDefinition(new CpsFlowDefinition(
                "def rollback = readReleaseRollback environment: '" + ENVIRONMENT + "', to: 'promote#1'\n"
                        + "tagImages release: rollback.releaseId, registry: 'local', force: true\n",
                true));
        WorkflowRun skipped = j.buildAndAssertStatus(Result.FAILURE, job);
        j.assertLogContains("has not been let through the approval gate of " + ENVIRONMENT, skipped);
        assertThat(ExampleImages.digest(layouts, REPOSITORY, "stage_us_123"), not(is(Optional.of(first))));
        // None of it reached the ledger as a rollback.
        assertThat(
                ledger().runs().stream().filter(r -> r.rollback().isPresent()).count(), is(0L));
    }
}
