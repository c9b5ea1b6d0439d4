package io.jenkins.plugins.releasetrain.jenkins;

import static io.jenkins.plugins.releasetrain.jenkins.ExampleManifests.STAGING;
import static io.jenkins.plugins.releasetrain.jenkins.ExampleManifests.staging;
import static io.jenkins.plugins.releasetrain.jenkins.ExampleManifests.withoutImages;
import static io.jenkins.plugins.releasetrain.jenkins.ExampleManifests.writeFile;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import hudson.ExtensionList;
import hudson.model.Computer;
import io.jenkins.plugins.releasetrain.manifest.Release;
import java.util.List;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.TestExtension;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * A release waiting for approval holds no executor and no workspace: the manifest is read inside {@code node},
 * and {@code promoteRelease} runs outside it with the release that was read, as docs/steps.md shows.
 */
@WithJenkins
class WaitingForApprovalTest {

    private static final String MANIFEST = withoutImages(staging());
    private static final Release RELEASE = ExampleManifests.release(STAGING, MANIFEST);

    @TestExtension
    public static final class Saves extends BuildSaves {}

    @Test
    void aReleaseWaitingForApprovalLeavesEveryExecutorIdle(JenkinsRule j) throws Exception {
        PromoteReleaseTest.deploymentJobs(j, null);
        // The manifest is read on the built-in node, which has two executors: none may stay busy while waiting.
        j.jenkins.setNumExecutors(2);
        ReleaseApprovalTest.secure(j);
        ReleaseProtectionRule rule = new ReleaseProtectionRule("staging", "staging-*");
        rule.setApproverGroups("release-leads");
        rule.setRequiredApprovals(1);
        rule.setAllowUnknownAuthors(true); // the Pipeline writes the manifest: nobody can tell who wrote it
        ReleaseTrainConfiguration.get().setProtectionRules(List.of(rule));
        WorkflowJob job = j.createProject(WorkflowJob.class, "promote");
        job.setDefinition(new CpsFlowDefinition(
                "def release\n"
                        + "node {\n"
                        + "  " + writeFile(STAGING, MANIFEST)
                        + "  release = readReleaseManifest file: '" + STAGING + "'\n"
                        + "}\n"
                        + "promoteRelease release: release\n",
                true));

        WorkflowRun run = job.scheduleBuild2(0).waitForStart();
        String prompt = ApprovalPrompts.id(RELEASE.id().shortForm(), 1);
        ExtensionList.lookupSingleton(Saves.class).awaitInput(run, prompt);

        for (Computer computer : j.jenkins.getComputers()) {
            assertThat(computer.getName() + " busy executors", computer.countBusy(), is(0));
        }
        ApprovalPrompts.answer(
                j,
                run,
                ExtensionList.lookupSingleton(Saves.class).awaitInput(run, prompt),
                "bob",
                "approve",
                "read it");
        j.assertBuildStatusSuccess(j.waitForCompletion(run));
        assertThat(run.getAction(ReleaseAction.class).getArtifacts().size(), is(6));
    }
}
