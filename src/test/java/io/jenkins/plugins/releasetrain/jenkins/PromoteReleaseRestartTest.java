package io.jenkins.plugins.releasetrain.jenkins;

import static io.jenkins.plugins.releasetrain.jenkins.ExampleManifests.STAGING;
import static io.jenkins.plugins.releasetrain.jenkins.ExampleManifests.staging;
import static io.jenkins.plugins.releasetrain.jenkins.ExampleManifests.withoutImages;
import static io.jenkins.plugins.releasetrain.jenkins.ExampleManifests.writeFile;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

import hudson.ExtensionList;
import hudson.model.Cause;
import hudson.model.CauseAction;
import io.jenkins.plugins.releasetrain.ledger.ApprovalRecorded;
import io.jenkins.plugins.releasetrain.ledger.EnvironmentLedger;
import io.jenkins.plugins.releasetrain.ledger.ReleaseRun;
import io.jenkins.plugins.releasetrain.ledger.ReleaseStatus;
import io.jenkins.plugins.releasetrain.ledger.RunId;
import io.jenkins.plugins.releasetrain.manifest.Release;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.TestExtension;
import org.jvnet.hudson.test.junit.jupiter.JenkinsSessionExtension;

/** A release waiting for approval survives a controller restart: the prompt, the lock and the ledger carry on. */
class PromoteReleaseRestartTest {

    private static final String MANIFEST = withoutImages(staging());
    private static final Release RELEASE = ExampleManifests.release(STAGING, MANIFEST);

    @RegisterExtension
    private final JenkinsSessionExtension sessions = new JenkinsSessionExtension();

    @TestExtension
    public static final class Saves extends BuildSaves {}

    @Test
    void waitsForApprovalAcrossARestartThenFinishesTheRelease() throws Throwable {
        sessions.then(j -> {
            ReleaseApprovalTest.secure(j);
            ReleaseApprovalTest.protectStaging(false, true);
            PromoteReleaseTest.deploymentJobs(j, null);
            WorkflowJob job = j.createProject(WorkflowJob.class, "promote");
            job.setDefinition(new CpsFlowDefinition(
                    "node {\n" + writeFile(STAGING, MANIFEST) + "  promoteRelease manifest: '" + STAGING + "'\n}",
                    true));
            WorkflowRun run = job.scheduleBuild2(0, new CauseAction(new Cause.UserIdCause("carol")))
                    .waitForStart();
            ApprovalPrompts.answer(
                    j,
                    run,
                    ExtensionList.lookupSingleton(Saves.class)
                            .awaitInput(run, ApprovalPrompts.id(RELEASE.id().shortForm(), 1)),
                    "bob",
                    "approve",
                    "before the restart");
            ExtensionList.lookupSingleton(Saves.class)
                    .awaitInput(run, ApprovalPrompts.id(RELEASE.id().shortForm(), 2));
            j.assertLogContains("Lock acquired on [Resource: release-train/staging-us-east-2]", run);
        });
        sessions.then(j -> {
            ReleaseApprovalTest.secure(j);
            WorkflowRun run =
                    j.jenkins.getItemByFullName("promote", WorkflowJob.class).getBuildByNumber(1);
            ApprovalPrompts.answer(
                    j,
                    run,
                    ExtensionList.lookupSingleton(Saves.class)
                            .awaitInput(run, ApprovalPrompts.id(RELEASE.id().shortForm(), 2)),
                    "dana",
                    "approve",
                    "after the restart");

            j.assertBuildStatusSuccess(j.waitForCompletion(run));
            EnvironmentLedger ledger = ReleaseTrainConfiguration.get().ledger().read("staging-us-east-2");
            assertThat(
                    ledger.approvals(RELEASE.id()).stream()
                            .map(ApprovalRecorded::actor)
                            .toList(),
                    contains("bob", "dana"));
            ReleaseRun recorded = ledger.run(RunId.forBuild("promote", 1)).orElseThrow();
            assertThat(recorded.status().orElseThrow(), is(ReleaseStatus.SUCCEEDED));
            assertThat(recorded.actor(), is("carol"));
            assertThat(recorded.results(), hasSize(6));
            assertThat(ledger.runs(), hasSize(1));
            assertThat(
                    j.jenkins
                            .getItemByFullName("release-jobs/lambda-job", WorkflowJob.class)
                            .getBuilds(),
                    hasSize(2));
        });
    }
}
