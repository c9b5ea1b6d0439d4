package io.jenkins.plugins.releasetrain.jenkins;

import static io.jenkins.plugins.releasetrain.jenkins.ExampleManifests.STAGING;
import static io.jenkins.plugins.releasetrain.jenkins.ExampleManifests.replaceOnce;
import static io.jenkins.plugins.releasetrain.jenkins.ExampleManifests.staging;
import static io.jenkins.plugins.releasetrain.jenkins.ExampleManifests.withoutImages;
import static io.jenkins.plugins.releasetrain.jenkins.ExampleManifests.writeFile;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;

import hudson.model.Result;
import io.jenkins.plugins.releasetrain.ledger.ApprovalRecorded;
import io.jenkins.plugins.releasetrain.manifest.Release;
import java.util.List;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.TestExtension;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The attacker edits their own sandboxed Jenkinsfile and nothing else, and tries to make a lead's click count as
 * an approval of a release the lead never saw. Staging needs one approval from a release lead; bob leads.
 */
@WithJenkins
class ForgedApprovalTest {

    private static final String MANIFEST = withoutImages(staging());
    private static final Release RELEASE = ExampleManifests.release(STAGING, MANIFEST);
    private static final String OTHER = replaceOnce(
            MANIFEST, ExampleManifests.RESOURCES_COMMIT, "gitCommit: 5e1c2a9b7d3f4e6a8b0c1d2e3f4a5b6c7d8e9f01");

    private JenkinsRule j;

    @TestExtension
    public static final class Saves extends BuildSaves {}

    @BeforeEach
    void protectStaging(JenkinsRule rule) throws Exception {
        j = rule;
        ReleaseApprovalTest.secure(j);
        ReleaseProtectionRule staging = new ReleaseProtectionRule("staging", "staging-*");
        staging.setApproverGroups("release-leads");
        staging.setRequiredApprovals(1);
        // The attacks here are on the prompt; the Pipeline writes its manifest, whose authors nobody can tell.
        staging.setAllowUnknownAuthors(true);
        ReleaseTrainConfiguration.get().setProtectionRules(List.of(staging));
    }

    private WorkflowRun start(String script) throws Exception {
        WorkflowJob job = j.createProject(WorkflowJob.class, "attacker");
        job.setDefinition(new CpsFlowDefinition(script, true));
        return job.scheduleBuild2(0).waitForStart();
    }

    /** bob, a release lead, submits the prompt {@code id} on the input page, choosing {@code decision} if asked. */
    private void bobSubmits(WorkflowRun run, String id, String decision) throws Exception {
        j.jenkins.getExtensionList(Saves.class).get(0).awaitInput(run, id);
        HtmlPage page = j.createWebClient().login("bob").getPage(run, "input");
        HtmlForm form = page.getFormByName(id);
        if (decision != null) {
            form.getSelectByName("value").setSelectedAttribute(decision, true);
        }
        j.submit(form, "proceed");
    }

    private static List<ApprovalRecorded> approvals(Release release) {
        return ReleaseTrainConfiguration.get()
                .ledger()
                .read("staging-us-east-2")
                .approvals(release.id());
    }

    @Test
    void anAnswerToAnotherQuestionIsNotAnApproval() throws Exception {
        WorkflowRun run = start("node {\n" + writeFile(STAGING, MANIFEST)
                + "  def gate = releaseApproval manifest: '" + STAGING + "'\n"
                + "  input id: 'Smoke', message: 'Run smoke tests?', submitter: 'release-leads',"
                + " parameters: [choice(name: 'decision', choices: ['approve'])]\n"
                + "  recordApproval prompt: gate.prompt.id\n"
                + "}");

        bobSubmits(run, "Smoke", "approve");

        j.assertBuildStatus(Result.FAILURE, j.waitForCompletion(run));
        j.assertLogContains(
                "Nobody has answered the approval prompt "
                        + ApprovalPrompts.id(RELEASE.id().shortForm(), 1),
                run);
        assertThat(approvals(RELEASE), empty());
    }

    @Test
    void theReleasesPromptIdAskedWithOtherWordsIsNotAnApproval() throws Exception {
        WorkflowRun run = start("node {\n" + writeFile(STAGING, MANIFEST)
                + "  def gate = releaseApproval manifest: '" + STAGING + "'\n"
                + "  input id: gate.prompt.id, message: 'Run smoke tests?', submitter: gate.prompt.submitter,"
                + " parameters: [choice(name: 'decision', choices: ['approve'])]\n"
                + "  recordApproval prompt: gate.prompt.id\n"
                + "}");

        bobSubmits(run, ApprovalPrompts.id(RELEASE.id().shortForm(), 1), "approve");

        j.assertBuildStatus(Result.FAILURE, j.waitForCompletion(run));
        j.assertLogContains("it was shown with another message than the release asked with", run);
        assertThat(approvals(RELEASE), empty());
    }

    @Test
    void anAnswerWithoutADecisionIsNotAnApproval() throws Exception {
        WorkflowRun run = start("node {\n" + writeFile(STAGING, MANIFEST)
                + "  def gate = releaseApproval manifest: '" + STAGING + "'\n"
                + "  input id: gate.prompt.id, message: gate.prompt.message, submitter: gate.prompt.submitter\n"
                + "  recordApproval prompt: gate.prompt.id\n"
                + "}");

        bobSubmits(run, ApprovalPrompts.id(RELEASE.id().shortForm(), 1), null);

        j.assertBuildStatus(Result.FAILURE, j.waitForCompletion(run));
        j.assertLogContains("has no decision", run);
        assertThat(approvals(RELEASE), empty());
    }

    @Test
    void theReleaseApprovedIsTheOneThePromptNamedNotWhatTheWorkspaceHoldsAfterwards() throws Exception {
        Release other = ExampleManifests.release(STAGING, OTHER);
        WorkflowRun run = start("node {\n" + writeFile(STAGING, MANIFEST)
                + "  def gate = releaseApproval manifest: '" + STAGING + "'\n"
                + "  input id: gate.prompt.id, message: gate.prompt.message, submitter: gate.prompt.submitter,"
                + " parameters: [choice(name: 'decision', choices: gate.prompt.actions)]\n"
                + "  " + writeFile(STAGING, OTHER)
                + "  echo \"JUDGED ${recordApproval(prompt: gate.prompt.id).judgement.counts}\"\n"
                + "  recordRelease event: 'started', manifest: '" + STAGING + "'\n"
                + "  recordRelease event: 'artifact', manifest: '" + STAGING + "',"
                + " artifactIds: ['product1/deploy/resources'], result: 'SUCCESS'\n"
                + "}");

        bobSubmits(run, ApprovalPrompts.id(RELEASE.id().shortForm(), 1), "approve");

        j.assertBuildStatus(Result.FAILURE, j.waitForCompletion(run));
        j.assertLogContains("JUDGED true", run);
        assertThat(approvals(RELEASE).stream().map(ApprovalRecorded::actor).toList(), contains("bob"));
        assertThat(approvals(other), empty());
        j.assertLogContains("has not been let through the approval gate of staging-us-east-2", run);
        assertThat(
                ReleaseTrainConfiguration.get()
                        .ledger()
                        .read("staging-us-east-2")
                        .succeededArtifacts(other.id()),
                empty());
    }

    @Test
    void aPromptCountsOnce() throws Exception {
        WorkflowRun run = start("node {\n" + writeFile(STAGING, MANIFEST)
                + "  def gate = releaseApproval manifest: '" + STAGING + "'\n"
                + "  input id: gate.prompt.id, message: gate.prompt.message, submitter: gate.prompt.submitter,"
                + " parameters: [choice(name: 'decision', choices: gate.prompt.actions)]\n"
                + "  recordApproval prompt: gate.prompt.id\n"
                + "  recordApproval prompt: gate.prompt.id\n"
                + "}");

        bobSubmits(run, ApprovalPrompts.id(RELEASE.id().shortForm(), 1), "approve");

        j.assertBuildStatus(Result.FAILURE, j.waitForCompletion(run));
        j.assertLogContains("has already been judged in this build", run);
        assertThat(approvals(RELEASE).size(), is(1));
    }

    @Test
    void artifactsCannotBeRecordedOrTaggedInAProtectedEnvironmentWithoutItsGate() throws Exception {
        WorkflowRun run = start("node {\n" + writeFile(STAGING, staging())
                + "  recordRelease event: 'started', manifest: '" + STAGING + "'\n"
                + "  catchError { recordRelease event: 'artifact', manifest: '" + STAGING + "',"
                + " artifactIds: ['product1/deploy/resources'], result: 'SUCCESS' }\n"
                + "  tagImages manifest: '" + STAGING + "'\n"
                + "}");

        j.assertBuildStatus(Result.FAILURE, j.waitForCompletion(run));
        j.assertLogContains("has not been let through the approval gate of staging-us-east-2 (rule 'staging')", run);
        assertThat(
                ReleaseTrainConfiguration.get()
                        .ledger()
                        .read("staging-us-east-2")
                        .succeededArtifacts(
                                ExampleManifests.release(STAGING, staging()).id()),
                empty());
    }

    @Test
    void promoteReleaseOffersNothingButTheWholePromotion() throws Exception {
        WorkflowRun run = start("node {\n" + writeFile(STAGING, MANIFEST)
                + "  promoteRelease.promote([manifest: '" + STAGING + "'])\n"
                + "}");

        j.assertBuildStatus(Result.FAILURE, j.waitForCompletion(run));
        // No such method: the sandbox refuses the dynamic call outright.
        j.assertLogContains("Scripts not permitted to use method groovy.lang.GroovyObject invokeMethod", run);
        assertThat(approvals(RELEASE), empty());
    }
}
