package io.jenkins.plugins.releasetrain.jenkins;

import static io.jenkins.plugins.releasetrain.jenkins.ExampleManifests.RESOURCES_COMMIT;
import static io.jenkins.plugins.releasetrain.jenkins.ExampleManifests.STAGING;
import static io.jenkins.plugins.releasetrain.jenkins.ExampleManifests.replaceOnce;
import static io.jenkins.plugins.releasetrain.jenkins.ExampleManifests.staging;
import static io.jenkins.plugins.releasetrain.jenkins.ExampleManifests.withoutImages;
import static io.jenkins.plugins.releasetrain.jenkins.ExampleManifests.writeFile;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import hudson.ExtensionList;
import hudson.model.Cause;
import hudson.model.CauseAction;
import hudson.model.Result;
import io.jenkins.plugins.releasetrain.approval.LedgerApprovals;
import io.jenkins.plugins.releasetrain.changelog.HotfixGuard;
import io.jenkins.plugins.releasetrain.ledger.EnvironmentLedger;
import io.jenkins.plugins.releasetrain.ledger.ReleaseRun;
import io.jenkins.plugins.releasetrain.ledger.RunId;
import io.jenkins.plugins.releasetrain.manifest.Release;
import io.jenkins.plugins.releasetrain.notify.EventType;
import io.jenkins.plugins.releasetrain.notify.ReleaseEvent;
import java.util.List;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jenkinsci.plugins.workflow.support.steps.input.InputStepExecution;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.TestExtension;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The hotfix lane in Jenkins: {@code promoteRelease hotfix: true} is let in by the rule's hotfix lane without the
 * promotion order and recorded as a hotfix; a regular release that would take a live hotfix away is refused unless
 * the Pipeline says why; and a Jenkinsfile cannot have a release decided as one kind and recorded as another.
 */
@WithJenkins
class HotfixTest {

    private static final String ENVIRONMENT = "staging-us-east-2";
    private static final String V1 = withoutImages(staging());
    /** The hotfix: a new commit of product1/deploy/resources. */
    private static final String V2 =
            replaceOnce(V1, RESOURCES_COMMIT, "gitCommit: 5f545ec8f09c81ac645926f755ba13f46434f636");
    /** A later regular release whose resources commit nobody can show contains the hotfix. */
    private static final String V3 =
            replaceOnce(V1, RESOURCES_COMMIT, "gitCommit: 6f545ec8f09c81ac645926f755ba13f46434f636");

    private static final String RESOURCES = "product1/deploy/resources";

    @TestExtension
    public static final class Saves extends BuildSaves {}

    /** Every event the steps tell, in order. */
    @TestExtension
    public static class Heard extends HeardEvents {}

    private static WorkflowJob promoting(WorkflowJob job, String manifest, String more) throws Exception {
        job.setDefinition(new CpsFlowDefinition(
                "node {\n" + writeFile(STAGING, manifest) + "  promoteRelease manifest: '" + STAGING + "'" + more
                        + "\n}",
                true));
        return job;
    }

    private static EnvironmentLedger ledger() {
        return ReleaseTrainConfiguration.get().ledger().read(ENVIRONMENT);
    }

    private static ReleaseRun run(String job, int build) {
        return ledger().run(RunId.forBuild(job, build)).orElseThrow();
    }

    private static Release release(String manifest) {
        return ExampleManifests.release(STAGING, manifest);
    }

    /** Staging after dev, two release leads; bob alone may let a hotfix in. */
    private static void protectWithHotfixLane() {
        ReleaseProtectionRule rule = new ReleaseProtectionRule("staging", "staging-*");
        rule.setApproverGroups("release-leads");
        rule.setRequiredApprovals(2);
        rule.setRequires("dev-*");
        // The Pipelines here write their manifests: nobody can tell who wrote them.
        rule.setAllowUnknownAuthors(true);
        ReleaseHotfixLane lane = new ReleaseHotfixLane();
        lane.setApprovers("bob");
        lane.setRequiredApprovals(1);
        rule.setHotfixLane(lane);
        ReleaseTrainConfiguration.get().setProtectionRules(List.of(rule));
    }

    @Test
    void aHotfixIsLetInByItsLaneWithoutThePromotionOrderAndRecordedAndAnnouncedAsOne(JenkinsRule j) throws Exception {
        PromoteReleaseTest.deploymentJobs(j, null);
        ReleaseApprovalTest.secure(j);
        protectWithHotfixLane();
        WorkflowJob job = j.createProject(WorkflowJob.class, "promote");

        // Through the promotion order, staging waits for dev: nothing runs.
        WorkflowRun regular = j.buildAndAssertStatus(Result.FAILURE, promoting(job, V1, ""));
        j.assertLogContains("dev-*", regular);
        assertThat(run("promote", 1).isHotfix(), is(false));

        WorkflowRun hotfix = promoting(job, V1, ", hotfix: true")
                .scheduleBuild2(0, new CauseAction(new Cause.UserIdCause("carol")))
                .waitForStart();
        InputStepExecution prompt = ExtensionList.lookupSingleton(Saves.class)
                .awaitInput(hotfix, ApprovalPrompts.id(release(V1).id().shortForm(), 1));
        assertThat(prompt.getInput().getMessage(), containsString("hotfix lane"));
        ApprovalPrompts.answer(j, hotfix, prompt, "bob", "approve", "checkout is down");
        j.assertBuildStatusSuccess(j.waitForCompletion(hotfix));

        ReleaseRun recorded = run("promote", 2);
        assertThat(recorded.isHotfix(), is(true));
        assertThat(recorded.actor(), is("carol"));
        List<EventType> types = ExtensionList.lookupSingleton(Heard.class).events.stream()
                .filter(e -> e.runId().filter("promote#2"::equals).isPresent())
                .map(ReleaseEvent::type)
                .toList();
        assertThat(types, hasItem(EventType.HOTFIX));
        assertThat(types.indexOf(EventType.HOTFIX), is(types.indexOf(EventType.SUCCEEDED) + 1));
    }

    @Test
    void aJenkinsfileCannotHaveAReleaseDecidedAsOneKindAndRecordedAsAnother(JenkinsRule j) throws Exception {
        PromoteReleaseTest.deploymentJobs(j, null);
        WorkflowJob job = j.createProject(WorkflowJob.class, "promote");
        ReleaseProtectionRule withoutLane = new ReleaseProtectionRule("staging", "staging-*");
        withoutLane.setApprovers("bob");
        withoutLane.setRequiredApprovals(1);
        ReleaseTrainConfiguration.get().setProtectionRules(List.of(withoutLane));

        // No hotfix where the rule has no hotfix lane: refused before anything reaches the ledger.
        WorkflowRun noLane = j.buildAndAssertStatus(Result.FAILURE, promoting(job, V1, ", hotfix: true"));
        j.assertLogContains("Rule 'staging' has no hotfix lane for " + ENVIRONMENT, noLane);
        assertThat(ledger().runs(), is(empty()));

        protectWithHotfixLane();
        // Started as a regular release, it cannot turn into a hotfix for its approval.
        job.setDefinition(new CpsFlowDefinition(
                "node {\n" + writeFile(STAGING, V1)
                        + "  def r = readReleaseManifest file: '" + STAGING + "'\n"
                        + "  recordRelease event: 'started', release: r.releaseId\n"
                        + "  readReleaseManifest release: r.releaseId, hotfix: true\n"
                        + "  releaseApproval release: r.releaseId\n"
                        + "}",
                true));
        WorkflowRun switched = j.buildAndAssertStatus(Result.FAILURE, job);
        j.assertLogContains(
                "already releases " + release(V1).id().shortForm() + " in " + ENVIRONMENT + " as a regular release",
                switched);
        assertThat(run("promote", 2).isHotfix(), is(false));
        assertThat(switched.getAction(ReleaseAction.class).getDecision(), is((String) null));

        // Decided as a hotfix, a plain read changes nothing: the ledger records what the gate decided.
        job.setDefinition(new CpsFlowDefinition(
                "node {\n" + writeFile(STAGING, V1)
                        + "  def r = readReleaseManifest file: '" + STAGING + "', hotfix: true\n"
                        + "  releaseApproval release: r.releaseId\n"
                        + "  readReleaseManifest file: '" + STAGING + "'\n"
                        + "  recordRelease event: 'started', release: r.releaseId\n"
                        + "}",
                true));
        j.buildAndAssertSuccess(job);
        assertThat(run("promote", 3).isHotfix(), is(true));
    }

    @Test
    void droppingAHotfixCountsOnlyApprovalsAnsweredToThePromptThatSaysSo(JenkinsRule j) throws Exception {
        PromoteReleaseTest.deploymentJobs(j, null);
        ReleaseApprovalTest.secure(j);
        ReleaseProtectionRule rule = new ReleaseProtectionRule("staging", "staging-*");
        rule.setApprovers("bob");
        rule.setRequiredApprovals(1);
        rule.setAllowUnknownAuthors(true);
        ReleaseHotfixLane lane = new ReleaseHotfixLane();
        lane.setApprovers("sam");
        lane.setRequiredApprovals(1);
        rule.setHotfixLane(lane);
        ReleaseTrainConfiguration.get().setProtectionRules(List.of(rule));
        Saves saves = ExtensionList.lookupSingleton(Saves.class);
        WorkflowJob job = j.createProject(WorkflowJob.class, "promote");
        WorkflowRun first = promoting(job, V1, "").scheduleBuild2(0).waitForStart();
        ApprovalPrompts.answer(
                j,
                first,
                saves.awaitInput(first, ApprovalPrompts.id(release(V1).id().shortForm(), 1)),
                "bob",
                "approve",
                "");
        j.assertBuildStatusSuccess(j.waitForCompletion(first));
        // Before any hotfix, bob approves V3's content (the build asks and stops there).
        job.setDefinition(new CpsFlowDefinition(
                "node {\n" + writeFile(STAGING, V3)
                        + "  def r = readReleaseManifest file: '" + STAGING + "'\n"
                        + "  def g = releaseApproval release: r.releaseId\n"
                        + "  input message: g.prompt.message, id: g.prompt.id, submitter: g.prompt.submitter,"
                        + " submitterParameter: 'approver', parameters: [choice(name: 'decision', choices:"
                        + " g.prompt.actions), text(name: 'comment')]\n"
                        + "  recordApproval prompt: g.prompt.id\n"
                        + "}",
                true));
        WorkflowRun approving = job.scheduleBuild2(0).waitForStart();
        String v3 = release(V3).id().shortForm();
        ApprovalPrompts.answer(
                j, approving, saves.awaitInput(approving, ApprovalPrompts.id(v3, 1)), "bob", "approve", "content only");
        j.assertBuildStatusSuccess(j.waitForCompletion(approving));
        WorkflowRun hotfix =
                promoting(job, V2, ", hotfix: true").scheduleBuild2(0).waitForStart();
        ApprovalPrompts.answer(
                j,
                hotfix,
                saves.awaitInput(hotfix, ApprovalPrompts.id(release(V2).id().shortForm(), 1)),
                "sam",
                "approve",
                "");
        j.assertBuildStatusSuccess(j.waitForCompletion(hotfix));

        WorkflowRun dropping = promoting(job, V3, ", dropHotfix: 'the fix is redone differently'")
                .scheduleBuild2(0)
                .waitForStart();
        InputStepExecution prompt = saves.awaitInput(dropping, ApprovalPrompts.id(v3, 1));
        // bob's approval of the content alone does not count for taking the fix away: he is asked again, told why.
        assertThat(prompt.getInput().getMessage(), containsString("Dropping the hotfix on " + RESOURCES));
        ApprovalPrompts.answer(j, dropping, prompt, "bob", "approve", "knowing it");
        j.assertBuildStatusSuccess(j.waitForCompletion(dropping));
        j.assertLogContains("does not count: this release takes the live hotfix away from " + RESOURCES, dropping);
        List<String> acknowledged = ledger().approvals(release(V3).id()).stream()
                .map(a -> a.details().getOrDefault(LedgerApprovals.DROPS_HOTFIX, "-"))
                .toList();
        assertThat(acknowledged, is(List.of("-", RESOURCES)));
    }

    @Test
    void aRegularReleaseThatWouldTakeALiveHotfixAwayIsRefusedUnlessThePipelineSaysWhy(JenkinsRule j) throws Exception {
        PromoteReleaseTest.deploymentJobs(j, null);
        WorkflowJob job = j.createProject(WorkflowJob.class, "promote");
        j.buildAndAssertSuccess(promoting(job, V1, ""));
        j.buildAndAssertSuccess(promoting(job, V2, ", hotfix: true"));
        assertThat(ledger().hotfixedArtifacts(), is(List.of(RESOURCES)));

        // No repository is configured for changelogs, so nobody can show that V3 contains the fix: refused.
        WorkflowRun refused = j.buildAndAssertStatus(Result.FAILURE, promoting(job, V3, ""));
        j.assertLogContains("would take the live hotfix away from " + RESOURCES, refused);
        j.assertLogContains("cannot be checked against the hotfix", refused);
        assertThat(run("promote", 3).status().orElseThrow().label(), is("cancelled"));
        assertThat(ledger().hotfixedArtifacts(), is(List.of(RESOURCES)));
        assertThat(
                j.jenkins
                        .getItemByFullName("release-jobs/s3-upload-resources", WorkflowJob.class)
                        .getBuilds()
                        .size(),
                is(2));

        WorkflowRun dropping =
                j.buildAndAssertSuccess(promoting(job, V3, ", dropHotfix: 'the fix is reverted on purpose'"));
        j.assertLogContains("Dropping the hotfix on " + RESOURCES, dropping);
        ReleaseRun recorded = run("promote", 4);
        assertThat(recorded.started().details().get(HotfixGuard.DROPPED), is(RESOURCES));
        assertThat(recorded.started().details().get(HotfixGuard.REASON), is("the fix is reverted on purpose"));
        assertThat(ledger().hotfixedArtifacts(), not(hasItem(RESOURCES)));
    }
}
