package io.jenkins.plugins.releasetrain.jenkins;

import static io.jenkins.plugins.releasetrain.jenkins.ExampleManifests.STAGING;
import static io.jenkins.plugins.releasetrain.jenkins.ExampleManifests.staging;
import static io.jenkins.plugins.releasetrain.jenkins.ExampleManifests.withoutImages;
import static io.jenkins.plugins.releasetrain.jenkins.ExampleManifests.writeFile;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import hudson.ExtensionList;
import hudson.model.Cause;
import hudson.model.CauseAction;
import hudson.model.Item;
import hudson.model.Result;
import io.jenkins.plugins.releasetrain.ledger.ApprovalDecision;
import io.jenkins.plugins.releasetrain.ledger.ApprovalRecorded;
import io.jenkins.plugins.releasetrain.ledger.ReleaseStatus;
import io.jenkins.plugins.releasetrain.ledger.RunId;
import io.jenkins.plugins.releasetrain.manifest.Release;
import java.util.List;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jenkinsci.plugins.workflow.support.steps.input.InputAction;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.TestExtension;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The approval gate of {@code promoteRelease} in real Jenkins: staging is protected by two release leads;
 * carol starts the release, alice wrote it (her commit changed the manifest), and bob, dana and alice lead
 * releases; admin administers Jenkins. Every answer goes through the input page, logged in as its author.
 */
@WithJenkins
class ReleaseApprovalTest {

    private static final String MANIFEST = withoutImages(staging());
    private static final Release RELEASE = ExampleManifests.release(STAGING, MANIFEST);

    private JenkinsRule j;

    @TestExtension
    public static final class Saves extends BuildSaves {}

    @BeforeEach
    void secureAndProtectStaging(JenkinsRule rule) throws Exception {
        j = rule;
        PromoteReleaseTest.deploymentJobs(j, null);
        // Before security: a script that is not sandboxed (it builds a FakeChangeLogSCM) is approved only then.
        WorkflowJob job = j.createProject(WorkflowJob.class, "promote");
        job.setDefinition(new CpsFlowDefinition(
                "import org.jvnet.hudson.test.FakeChangeLogSCM\n"
                        + "node {\n"
                        + "  def changes = new FakeChangeLogSCM()\n"
                        + "  changes.addChange().withAuthor('alice').withMsg('Release 1.9.0-rc2 to staging')"
                        + ".withPath('" + STAGING + "')\n"
                        + "  checkout(changes)\n"
                        + "  " + writeFile(STAGING, MANIFEST)
                        + "  promoteRelease manifest: '" + STAGING + "'\n"
                        + "}",
                false));
        secure(j);
        protectStaging(false);
    }

    /** The users and groups of every approval test, also used across a restart. */
    static void secure(JenkinsRule j) {
        JenkinsRule.DummySecurityRealm realm = j.createDummySecurityRealm();
        for (String lead : List.of("alice", "bob", "dana")) {
            realm.addGroups(lead, "release-leads");
        }
        j.jenkins.setSecurityRealm(realm);
        j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ, Item.READ, Item.BUILD, Item.CANCEL)
                .everywhere()
                .toAuthenticated()
                .grant(Jenkins.ADMINISTER)
                .everywhere()
                .to("admin"));
    }

    /** Two distinct release leads must approve a release to any staging environment. */
    static void protectStaging(boolean allowAdminBypass) {
        protectStaging(allowAdminBypass, false);
    }

    /**
     * As {@link #protectStaging(boolean)}; {@code allowUnknownAuthors} for Pipelines that write their manifest
     * with writeFile, whose authors nobody can tell.
     */
    static void protectStaging(boolean allowAdminBypass, boolean allowUnknownAuthors) {
        ReleaseProtectionRule rule = new ReleaseProtectionRule("staging", "staging-*");
        rule.setAllowUnknownAuthors(allowUnknownAuthors);
        rule.setApproverGroups("release-leads");
        rule.setRequiredApprovals(2);
        rule.setAllowAdminBypass(allowAdminBypass);
        ReleaseTrainConfiguration.get().setProtectionRules(List.of(rule));
    }

    /** Starts the promotion as carol; alice's commit changed the manifest (the build's change set says so). */
    private WorkflowRun startPromotion() throws Exception {
        return j.jenkins
                .getItemByFullName("promote", WorkflowJob.class)
                .scheduleBuild2(0, new CauseAction(new Cause.UserIdCause("carol")))
                .waitForStart();
    }

    private void answer(WorkflowRun run, int round, String user, String decision, String comment) throws Exception {
        String id = ApprovalPrompts.id(RELEASE.id().shortForm(), round);
        ApprovalPrompts.answer(
                j, run, ExtensionList.lookupSingleton(Saves.class).awaitInput(run, id), user, decision, comment);
    }

    private static List<ApprovalRecorded> recordedApprovals() {
        return ReleaseTrainConfiguration.get()
                .ledger()
                .read("staging-us-east-2")
                .approvals(RELEASE.id());
    }

    @Test
    void theAuthorIsRefusedAndTwoDistinctLeadsLetTheReleaseThrough() throws Exception {
        WorkflowRun run = startPromotion();

        answer(run, 1, "alice", "approve", "mine, but fine");
        answer(run, 2, "bob", "approve", "lgtm");
        answer(run, 3, "dana", "approve", "checked the smoke tests");

        j.assertBuildStatusSuccess(j.waitForCompletion(run));
        j.assertLogContains("alice cannot approve: alice authored this release", run);
        j.assertLogContains("It needs 2 approvals (2 required) from a member of release-leads", run);
        assertThat(recordedApprovals().stream().map(ApprovalRecorded::actor).toList(), contains("bob", "dana"));
        assertThat(recordedApprovals().get(0).groups(), contains("release-leads"));
        ReleaseAction action = run.getAction(ReleaseAction.class);
        assertThat(
                action.getApprovals().stream()
                        .map(ReleaseAction.ApprovalEntry::getStanding)
                        .toList(),
                contains("author", "counts", "counts"));
        assertThat(action.getDecision(), is("allowed"));
        assertThat(action.getArtifacts(), hasSize(6));
        assertThat(
                ReleaseTrainConfiguration.get()
                        .ledger()
                        .read("staging-us-east-2")
                        .run(RunId.forBuild("promote", 1))
                        .orElseThrow()
                        .actor(),
                is("carol"));
    }

    @Test
    void theUserWhoStartedTheReleaseAndAnAdministratorTheRuleDoesNotNameDoNotCount() throws Exception {
        protectStaging(false, true);
        WorkflowJob job = j.createProject(WorkflowJob.class, "promote-sandboxed");
        job.setDefinition(new CpsFlowDefinition(
                "node {\n" + writeFile(STAGING, MANIFEST) + "  promoteRelease manifest: '" + STAGING + "'\n}", true));
        WorkflowRun run = job.scheduleBuild2(0, new CauseAction(new Cause.UserIdCause("bob")))
                .waitForStart();

        answer(run, 1, "bob", "approve", "my own release");
        answer(run, 2, "admin", "approve", "I run this place");
        answer(run, 3, "alice", "approve", "");
        answer(run, 4, "dana", "approve", "");

        j.assertBuildStatusSuccess(j.waitForCompletion(run));
        j.assertLogContains("bob cannot approve", run);
        j.assertLogContains("admin cannot approve", run);
        assertThat(recordedApprovals().stream().map(ApprovalRecorded::actor).toList(), contains("alice", "dana"));
    }

    @Test
    void aRejectionStopsTheReleaseBeforeAnythingDeploys() throws Exception {
        WorkflowJob lambda = j.jenkins.getItemByFullName("release-jobs/lambda-job", WorkflowJob.class);
        WorkflowRun run = startPromotion();

        answer(run, 1, "bob", "reject", "breaks checkout");

        j.assertBuildStatus(Result.FAILURE, j.waitForCompletion(run));
        j.assertLogContains("bob rejected it at", run);
        j.assertLogContains("breaks checkout", run);
        assertThat(lambda.getBuilds(), empty());
        assertThat(recordedApprovals(), hasSize(1));
        assertThat(recordedApprovals().get(0).decision(), is(ApprovalDecision.REJECTED));
        assertThat(
                ReleaseTrainConfiguration.get()
                        .ledger()
                        .read("staging-us-east-2")
                        .run(RunId.forBuild("promote", 1))
                        .orElseThrow()
                        .status()
                        .orElseThrow(),
                is(ReleaseStatus.CANCELLED));
        assertThat(run.getAction(ReleaseAction.class).getDecision(), is("refused"));
    }

    @Test
    void anAdministratorMayBypassWhereTheRuleAllowsItAndTheBypassIsRecorded() throws Exception {
        protectStaging(true);
        WorkflowRun run = startPromotion();

        answer(run, 1, "admin", "bypass", "incident 4711: the fix must ship now");

        j.assertBuildStatusSuccess(j.waitForCompletion(run));
        j.assertLogContains("bypassed rule 'staging' as an administrator", run);
        assertThat(recordedApprovals(), hasSize(1));
        assertThat(recordedApprovals().get(0).decision(), is(ApprovalDecision.BYPASSED));
        assertThat(recordedApprovals().get(0).actor(), is("admin"));
    }

    @Test
    void aManifestNobodyCanTellTheAuthorsOfIsRefusedUnlessTheRuleAllowsIt() throws Exception {
        WorkflowJob job = j.createProject(WorkflowJob.class, "written-by-the-pipeline");
        job.setDefinition(new CpsFlowDefinition(
                "node {\n" + writeFile(STAGING, MANIFEST) + "  promoteRelease manifest: '" + STAGING + "'\n}", true));

        WorkflowRun refused = j.buildAndAssertStatus(Result.FAILURE, job);

        j.assertLogContains("cannot be approved for staging-us-east-2: who wrote it is unknown", refused);
        j.assertLogContains("is not in a git checkout", refused);
        assertThat(refused.getAction(InputAction.class), nullValue());
        protectStaging(false, true);
        WorkflowRun asked = job.scheduleBuild2(0).waitForStart();
        ExtensionList.lookupSingleton(Saves.class)
                .awaitInput(asked, ApprovalPrompts.id(RELEASE.id().shortForm(), 1));
        asked.doStop();
        j.waitForCompletion(asked);
    }

    @Test
    void theAuthorsOfAManifestCheckedOutFromGitAreReadFromItsHistory() throws Exception {
        WorkflowJob job = j.createProject(WorkflowJob.class, "from-git");
        java.nio.file.Path checkout =
                java.nio.file.Path.of(j.jenkins.getWorkspaceFor(job).getRemote(), "checkout");
        java.nio.file.Files.createDirectories(checkout.resolve(STAGING).getParent());
        java.nio.file.Files.writeString(checkout.resolve(STAGING), MANIFEST);
        try (org.eclipse.jgit.api.Git git =
                org.eclipse.jgit.api.Git.init().setDirectory(checkout.toFile()).call()) {
            git.add().addFilepattern(STAGING).call();
            org.eclipse.jgit.lib.PersonIdent alice = new org.eclipse.jgit.lib.PersonIdent("alice", "alice@example.com");
            git.commit()
                    .setMessage("Release 1.9.0-rc2")
                    .setAuthor(alice)
                    .setCommitter(alice)
                    .setSign(false)
                    .call();
        }
        job.setDefinition(new CpsFlowDefinition("node { promoteRelease manifest: 'checkout/" + STAGING + "' }", true));
        WorkflowRun run = job.scheduleBuild2(0, new CauseAction(new Cause.UserIdCause("carol")))
                .waitForStart();

        answer(run, 1, "alice", "approve", "mine");
        answer(run, 2, "bob", "approve", "");
        answer(run, 3, "dana", "approve", "");

        j.assertBuildStatusSuccess(j.waitForCompletion(run));
        j.assertLogContains("alice cannot approve: alice authored this release", run);
        assertThat(
                ReleaseTrainConfiguration.get()
                        .ledger()
                        .read("staging-us-east-2")
                        .run(RunId.forBuild("from-git", 1))
                        .orElseThrow()
                        .started()
                        .details()
                        .containsKey("manifest.commit"),
                is(true));
    }

    @Test
    void aFrozenEnvironmentRefusesTheReleaseWithoutAskingAnybody() throws Exception {
        ReleaseProtectionRule rule = new ReleaseProtectionRule("staging", "staging-*");
        rule.setFreezeWindows(List.of(new ReleaseFreezeWindow("migration", "2000-01-01", "2100-01-01", "UTC")));
        ReleaseTrainConfiguration.get().setProtectionRules(List.of(rule));
        WorkflowRun run = startPromotion();

        j.assertBuildStatus(Result.FAILURE, j.waitForCompletion(run));
        j.assertLogContains("cannot run in staging-us-east-2 now: it is frozen until", run);
        j.assertLogContains("by the freeze window 'migration'", run);
        assertThat(run.getAction(InputAction.class), nullValue());
        assertThat(recordedApprovals(), empty());
    }
}
