package io.jenkins.plugins.releasetrain.jenkins;

import static io.jenkins.plugins.releasetrain.jenkins.ExampleManifests.RESOURCES_COMMIT;
import static io.jenkins.plugins.releasetrain.jenkins.ExampleManifests.STAGING;
import static io.jenkins.plugins.releasetrain.jenkins.ExampleManifests.replaceOnce;
import static io.jenkins.plugins.releasetrain.jenkins.ExampleManifests.staging;
import static io.jenkins.plugins.releasetrain.jenkins.ExampleManifests.writeFile;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import hudson.ExtensionList;
import hudson.model.Result;
import io.jenkins.plugins.releasetrain.approval.LedgerApprovals;
import io.jenkins.plugins.releasetrain.image.Digest;
import io.jenkins.plugins.releasetrain.ledger.ArtifactResult;
import io.jenkins.plugins.releasetrain.ledger.EnvironmentLedger;
import io.jenkins.plugins.releasetrain.ledger.ReleaseRun;
import io.jenkins.plugins.releasetrain.ledger.ReleaseStatus;
import io.jenkins.plugins.releasetrain.ledger.RollbackOf;
import io.jenkins.plugins.releasetrain.manifest.Release;
import io.jenkins.plugins.releasetrain.notify.EventType;
import io.jenkins.plugins.releasetrain.notify.ReleaseEvent;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jenkinsci.plugins.workflow.support.steps.input.InputAction;
import org.jenkinsci.plugins.workflow.support.steps.input.InputStepExecution;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.TestExtension;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The rule's own rollback after a failed verification ({@code rollbackOnVerificationFailure}): {@code promoteRelease}
 * rolls the environment back at once, without approval, to the release before. The attacker edits only their own
 * Jenkinsfile: they cannot get a rollback without approval when no verification of their own latest run failed, after
 * one that passed, once another job released since, or under a rule that does not ask for it.
 */
@WithJenkins
class AutomaticRollbackTest {

    private static final String ENVIRONMENT = "staging-us-east-2";
    private static final String REPOSITORY = "product1/microservice-1";
    private static final String MS1 = "product1/image/product1/microservice-1";
    /** The example, with its images: microservice-1 at dev_123, resources at their first commit. */
    private static final String V1 = staging();
    /** The next release: microservice-1 at dev_124, resources at another commit. */
    private static final String V2 = replaceOnce(
            replaceOnce(V1, "sourceTag: dev_123", "sourceTag: dev_124"),
            RESOURCES_COMMIT,
            "gitCommit: 5f545ec8f09c81ac645926f755ba13f46434f636");
    /** Fails the verification of build 2's own run only: the rollback's verification passes. */
    private static final String VERIFY_FAILS_FOR_BUILD_2 =
            "verify: { ctx -> if (ctx.runId == 'promote#2') { error 'checkout is down' } }";

    @TestExtension
    public static final class Saves extends BuildSaves {}

    /** Every event the steps tell, in order. */
    @TestExtension
    public static class Heard extends HeardEvents {}

    private JenkinsRule j;
    private Path layouts;

    @BeforeEach
    void deploymentJobsAndImages(JenkinsRule rule) throws Exception {
        j = rule;
        PromoteReleaseTest.deploymentJobs(j, null);
        layouts = new File(j.jenkins.getRootDir(), "images").toPath();
        ExampleImages.build(layouts);
        ExampleImages.push(layouts, REPOSITORY, "dev_124", "microservice-1, the next build");
        ReleaseRegistry local = new ReleaseRegistry("local", ReleaseRegistry.OCI_LAYOUT);
        local.setUrl(layouts.toString());
        ReleaseTrainConfiguration.get().setRegistries(List.of(local));
    }

    /**
     * Releases need no approval, a rollback someone asks for needs alice's: only the rule's own rollback goes
     * through without a prompt.
     */
    private static void protect(boolean rollbackOnVerificationFailure) {
        ReleaseProtectionRule rule = new ReleaseProtectionRule("staging", "staging-*");
        rule.setApprovers("alice");
        rule.setRollbackRequiredApprovals("1");
        rule.setRollbackOnVerificationFailure(rollbackOnVerificationFailure);
        ReleaseTrainConfiguration.get().setProtectionRules(List.of(rule));
    }

    private static WorkflowJob releasing(WorkflowJob job, String manifest, String options) throws Exception {
        job.setDefinition(new CpsFlowDefinition(
                "node {\n" + writeFile(STAGING, manifest) + "  promoteRelease manifest: '" + STAGING + "'" + options
                        + "\n}",
                true));
        return job;
    }

    /** Releases V1 (promote#1) and then moves its tag by hand; returns the digest it had after V1. */
    private Digest releaseFirst(WorkflowJob job) throws Exception {
        j.buildAndAssertSuccess(releasing(job, V1, ""));
        Digest first = ExampleImages.digest(layouts, REPOSITORY, "stage_us_123").orElseThrow();
        ExampleImages.push(layouts, REPOSITORY, "stage_us_123", "microservice-1, moved by hand");
        return first;
    }

    private static EnvironmentLedger ledger() {
        return ReleaseTrainConfiguration.get().ledger().read(ENVIRONMENT);
    }

    private static Release release(String manifest) {
        return ExampleManifests.release(STAGING, manifest);
    }

    @Test
    void aFailedVerificationRollsTheEnvironmentBackAtOnceByTheRuleWithoutAPrompt() throws Exception {
        protect(true);
        WorkflowJob job = j.createProject(WorkflowJob.class, "promote");
        Digest first = releaseFirst(job);

        WorkflowRun failed = j.buildAndAssertStatus(
                Result.FAILURE, releasing(job, V2, ", registry: 'local', " + VERIFY_FAILS_FOR_BUILD_2));

        j.assertLogContains(
                "deployed, but its verification failed: checkout is down; " + ENVIRONMENT
                        + " was rolled back to run promote#1 (run promote#2+rollback)",
                failed);
        ReleaseRun rollback = ledger().latestRun().orElseThrow();
        assertThat(rollback.runId().value(), is("promote#2+rollback"));
        assertThat(rollback.releaseId(), is(release(V1).id()));
        assertThat(rollback.status(), is(Optional.of(ReleaseStatus.SUCCEEDED)));
        RollbackOf of = rollback.rollback().orElseThrow();
        assertThat(of.reason(), is(RollbackOf.VERIFICATION_FAILED));
        assertThat(of.to().value(), is("promote#1"));
        assertThat(of.from().orElseThrow().value(), is("promote#2"));
        assertThat(rollback.finished().orElseThrow().details().get(LedgerApprovals.GROUNDS_RULE), is("staging"));
        // No prompt, no approval: the rule is the authority.
        assertThat(
                failed.getAction(InputAction.class) == null
                        || failed.getAction(InputAction.class).getExecutions().isEmpty(),
                is(true));
        assertThat(ledger().approvals(release(V1).id()).isEmpty(), is(true));
        // The job got the earlier commit back, the image tag its exact earlier digest.
        WorkflowRun resources = j.jenkins
                .getItemByFullName("release-jobs/s3-upload-resources", WorkflowJob.class)
                .getLastBuild();
        j.assertLogContains(
                "deploying product1/deploy/resources at 4f545ec8f09c81ac645926f755ba13f46434f636", resources);
        assertThat(rollback.result(MS1).orElseThrow().details().get(ArtifactResult.DIGEST), is(first.toString()));
        assertThat(ExampleImages.digest(layouts, REPOSITORY, "stage_us_123"), is(Optional.of(first)));
        // The rollback is verified in turn, and both runs show on the build.
        assertThat(ledger().verification(rollback.runId()).orElseThrow().passed(), is(true));
        ReleaseAction back = failed.getActions(ReleaseAction.class).stream()
                .filter(a -> "promote#2+rollback".equals(a.getRunId()))
                .findFirst()
                .orElseThrow();
        assertThat(back.getRollbackTo(), is("promote#1"));
        assertThat(back.isSucceeded(), is(true));
        List<EventType> types = j.jenkins.getExtensionList(ReleaseEventListener.class).get(Heard.class).events.stream()
                .map(ReleaseEvent::type)
                .toList();
        assertThat(types, hasItem(EventType.VERIFICATION_FAILED));
        assertThat(types.get(types.size() - 1), is(EventType.ROLLED_BACK));
    }

    @Test
    void withoutTheRulesFlagAFailedVerificationRollsNothingBack() throws Exception {
        protect(false);
        WorkflowJob job = j.createProject(WorkflowJob.class, "promote");
        Digest first = releaseFirst(job);

        WorkflowRun failed = j.buildAndAssertStatus(
                Result.FAILURE, releasing(job, V2, ", registry: 'local', " + VERIFY_FAILS_FOR_BUILD_2));

        j.assertLogContains("deployed, but its verification failed: checkout is down", failed);
        j.assertLogNotContains("rolled back", failed);
        assertThat(ledger().latestRun().orElseThrow().runId().value(), is("promote#2"));
        assertThat(ExampleImages.digest(layouts, REPOSITORY, "stage_us_123"), not(is(Optional.of(first))));
    }

    /** The attacker's Jenkinsfile reads the rule's rollback itself and tries to move the tag back without approval. */
    private static String readsTheAutomaticRollback(String before) {
        return before + "def back = readReleaseRollback environment: '" + ENVIRONMENT + "', automatic: true\n"
                + "releaseApproval release: back.releaseId\n"
                + "tagImages release: back.releaseId, registry: 'local', products: ['product1']\n";
    }

    @Test
    void aJenkinsfileCannotGetAnApprovalFreeRollbackWithoutAFailedVerificationOfItsOwnLatestRun() throws Exception {
        protect(true);
        WorkflowJob job = j.createProject(WorkflowJob.class, "promote");
        Digest first = releaseFirst(job);
        j.buildAndAssertSuccess(releasing(job, V2, ", registry: 'local'"));
        Digest moved = ExampleImages.push(layouts, REPOSITORY, "stage_us_123", "microservice-1, moved again");

        // No verification at all: promote#2 was never verified, and this build ran nothing.
        job.setDefinition(new CpsFlowDefinition(readsTheAutomaticRollback(""), true));
        WorkflowRun direct = j.buildAndAssertStatus(Result.FAILURE, job);
        j.assertLogContains("Cannot roll " + ENVIRONMENT + " back automatically", direct);

        // After a verification that passed.
        job.setDefinition(new CpsFlowDefinition(
                readsTheAutomaticRollback("node {\n" + writeFile(STAGING, V2) + "  promoteRelease manifest: '" + STAGING
                        + "', all: true, registry: 'local', verify: { ctx -> echo 'fine' }\n}\n"),
                true));
        WorkflowRun passed = j.buildAndAssertStatus(Result.FAILURE, job);
        j.assertLogContains("passed its verification", passed);

        // When another job's run is the latest: a failed verification of this build's run no longer counts. (The
        // rule asks for rollbacks only once the build has failed its verification and waits, so that promoteRelease
        // does not roll back by itself first.)
        protect(false);
        job.setDefinition(new CpsFlowDefinition(
                "node {\n" + writeFile(STAGING, V2) + "  try {\n    promoteRelease manifest: '" + STAGING
                        + "', all: true, registry: 'local', verify: { ctx -> error 'down' }\n"
                        + "  } catch (e) { echo 'verification failed' }\n}\n"
                        + "input message: 'go on', id: 'Go'\n"
                        + "build job: 'other', wait: true\n"
                        + readsTheAutomaticRollback(""),
                true));
        WorkflowJob other = j.createProject(WorkflowJob.class, "other");
        releasing(other, V2, ", all: true, registry: 'local'");
        WorkflowRun overtaken = job.scheduleBuild2(0).waitForStart();
        InputStepExecution go = ExtensionList.lookupSingleton(Saves.class).awaitInput(overtaken, "Go");
        protect(true);
        go.proceed(null);
        j.assertBuildStatus(Result.FAILURE, j.waitForCompletion(overtaken));
        j.assertLogContains("the latest run of " + ENVIRONMENT + " is other#1", overtaken);

        // Nor does a rollback with to: pass as the rule's own.
        job.setDefinition(new CpsFlowDefinition(
                "readReleaseRollback environment: '" + ENVIRONMENT + "', automatic: true, to: 'promote#1'\n", true));
        j.assertLogContains("it takes no 'to'", j.buildAndAssertStatus(Result.FAILURE, job));

        assertThat(ExampleImages.digest(layouts, REPOSITORY, "stage_us_123"), is(Optional.of(moved)));
        assertThat(ExampleImages.digest(layouts, REPOSITORY, "stage_us_123"), not(is(Optional.of(first))));
        assertThat(
                ledger().runs().stream().filter(r -> r.rollback().isPresent()).count(), is(0L));
    }

    @Test
    void underARuleWithoutTheFlagTheAutomaticRollbackIsRefusedAfterAFailedVerification() throws Exception {
        protect(false);
        WorkflowJob job = j.createProject(WorkflowJob.class, "promote");
        Digest first = releaseFirst(job);
        Digest moved = ExampleImages.digest(layouts, REPOSITORY, "stage_us_123").orElseThrow();

        job.setDefinition(new CpsFlowDefinition(
                readsTheAutomaticRollback(
                        "node {\n" + writeFile(STAGING, V2) + "  try {\n    promoteRelease manifest: '"
                                + STAGING + "', registry: 'local', verify: { ctx -> error 'down' }\n"
                                + "  } catch (e) { echo 'verification failed' }\n}\n"),
                true));
        WorkflowRun refused = j.buildAndAssertStatus(Result.FAILURE, job);

        j.assertLogContains("verification failed", refused);
        j.assertLogContains("does not roll " + ENVIRONMENT + " back after a failed verification", refused);
        assertThat(ExampleImages.digest(layouts, REPOSITORY, "stage_us_123"), is(Optional.of(moved)));
        assertThat(ExampleImages.digest(layouts, REPOSITORY, "stage_us_123"), not(is(Optional.of(first))));
        assertThat(ledger().latestRun().orElseThrow().runId().value(), is("promote#2"));
    }
}
