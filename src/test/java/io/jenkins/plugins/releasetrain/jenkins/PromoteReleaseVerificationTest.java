package io.jenkins.plugins.releasetrain.jenkins;

import static io.jenkins.plugins.releasetrain.jenkins.ExampleManifests.PRODUCTION;
import static io.jenkins.plugins.releasetrain.jenkins.ExampleManifests.STAGING;
import static io.jenkins.plugins.releasetrain.jenkins.ExampleManifests.production;
import static io.jenkins.plugins.releasetrain.jenkins.ExampleManifests.staging;
import static io.jenkins.plugins.releasetrain.jenkins.ExampleManifests.withoutImages;
import static io.jenkins.plugins.releasetrain.jenkins.ExampleManifests.writeFile;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import hudson.model.Result;
import io.jenkins.plugins.releasetrain.ledger.EnvironmentLedger;
import io.jenkins.plugins.releasetrain.ledger.ReleaseStatus;
import io.jenkins.plugins.releasetrain.ledger.ReleaseVerified;
import io.jenkins.plugins.releasetrain.ledger.RunId;
import java.util.List;
import java.util.Optional;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockFolder;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * {@code promoteRelease} verifies what it deployed, and {@code recordRelease event: 'verified'} records only the
 * verification of the build's own successful run. The attacker owns another job and edits its Pipeline: it cannot
 * verify a run it did not make, a run that failed, an environment its job may not release into, or a run twice.
 */
@WithJenkins
class PromoteReleaseVerificationTest {

    private static final String STAGING_MANIFEST = withoutImages(staging());
    private static final String PRODUCTION_MANIFEST = withoutImages(production());
    /** Every deployment of the example done by a closure, so that no downstream job is needed. */
    private static final String HANDLERS = "handlers: ['lambda-job': { ctx -> echo 'l' },"
            + " 's3-upload-resources': { ctx -> echo 'r' }, 's3-upload-public-assets': { ctx -> echo 'a' },"
            + " 's3-upload-portal': { ctx -> echo 'p' }, 'api-gw-deploy': { ctx -> echo 'g' }]";

    private JenkinsRule j;

    @BeforeEach
    void onlyReleaseJobsMayReleaseProduction(JenkinsRule rule) {
        j = rule;
        ReleaseProtectionRule production = new ReleaseProtectionRule("production", "production-*");
        production.setAllowedJobs("release/**");
        ReleaseTrainConfiguration.get().setProtectionRules(List.of(production));
    }

    private WorkflowRun build(WorkflowJob job, String body) throws Exception {
        job.setDefinition(new CpsFlowDefinition(
                "node {\n" + writeFile(STAGING, STAGING_MANIFEST) + writeFile(PRODUCTION, PRODUCTION_MANIFEST) + body
                        + "}",
                true));
        return j.waitForCompletion(job.scheduleBuild2(0).waitForStart());
    }

    private static EnvironmentLedger stagingLedger() {
        return ReleaseTrainConfiguration.get().ledger().read("staging-us-east-2");
    }

    @Test
    void aVerifyClosureRunsAfterTheReleaseAndItsVerdictReachesTheLedger() throws Exception {
        WorkflowJob promote = j.jenkins.createProject(WorkflowJob.class, "promote");

        WorkflowRun run = build(
                promote,
                "  def result = promoteRelease manifest: '" + STAGING + "', " + HANDLERS + ",\n"
                        + "    verifyAttempts: 2, verify: { ctx ->\n"
                        + "      echo \"verifying ${ctx.environment} run ${ctx.runId}: ${ctx.changedArtifacts.size()}"
                        + " artifacts\"\n"
                        + "      if (!fileExists('tried')) { writeFile file: 'tried', text: 'x'; error 'portal returned 502' }\n"
                        + "      return 'smoke tests passed'\n"
                        + "    }\n"
                        + "  echo \"verified: ${result.verification.passed}\"\n");

        j.assertBuildStatusSuccess(run);
        j.assertLogContains("verifying staging-us-east-2 run promote#1: 6 artifacts", run);
        j.assertLogContains("Verification of staging-us-east-2, attempt 1 of 2, failed: portal returned 502", run);
        j.assertLogContains("verified: true", run);
        ReleaseVerified verified =
                stagingLedger().verification(RunId.forBuild("promote", 1)).orElseThrow();
        assertThat(verified.passed(), is(true));
        assertThat(verified.attempts(), is(2));
        assertThat(verified.message(), is("passed (attempt 2 of 2)"));
        assertThat(verified.output(), is("smoke tests passed"));
        ReleaseAction action = run.getAction(ReleaseAction.class);
        assertThat(action.getVerification(), is("verified"));
        assertThat(run.getDescription(), containsString("; verified"));
    }

    @Test
    void anAttemptThatOutlastsTheTimeoutFailsAndTheNextOneRuns() throws Exception {
        WorkflowJob promote = j.jenkins.createProject(WorkflowJob.class, "promote");

        WorkflowRun run = build(
                promote,
                "  promoteRelease manifest: '" + STAGING + "', " + HANDLERS + ", verifyTimeout: 1, verifyAttempts: 2,\n"
                        + "    verify: { ctx -> if (!fileExists('slow')) { writeFile file: 'slow', text: 'x'; sleep 300 } }\n");

        j.assertBuildStatusSuccess(run);
        j.assertLogContains("attempt 1 of 2, failed: timed out after 1 minute", run);
        ReleaseVerified verified =
                stagingLedger().verification(RunId.forBuild("promote", 1)).orElseThrow();
        assertThat(verified.passed(), is(true));
        assertThat(verified.attempts(), is(2));
    }

    @Test
    void abortingTheBuildWhileItVerifiesRecordsAFailedVerificationAndAbortsTheBuild() throws Exception {
        WorkflowJob promote = j.jenkins.createProject(WorkflowJob.class, "promote");
        promote.setDefinition(new CpsFlowDefinition(
                "node {\n" + writeFile(STAGING, STAGING_MANIFEST) + "  promoteRelease manifest: '" + STAGING + "', "
                        + HANDLERS + ", verifyAttempts: 3, verify: { ctx -> echo 'VERIFYING'; sleep 300 }\n}",
                true));
        WorkflowRun run = promote.scheduleBuild2(0).waitForStart();
        j.waitForMessage("VERIFYING", run);

        run.doStop();

        j.assertBuildStatus(Result.ABORTED, j.waitForCompletion(run));
        ReleaseVerified verified =
                stagingLedger().verification(RunId.forBuild("promote", 1)).orElseThrow();
        assertThat(verified.passed(), is(false));
        assertThat(verified.attempts(), is(1));
        assertThat(verified.message(), is("stopped because the build was aborted"));
    }

    @Test
    void aFailedVerificationFailsTheBuildAndIsRecordedAsFailed() throws Exception {
        WorkflowJob promote = j.jenkins.createProject(WorkflowJob.class, "promote");

        WorkflowRun run = build(
                promote,
                "  promoteRelease manifest: '" + STAGING + "', " + HANDLERS
                        + ", verify: { ctx -> error 'checkout is down' }\n");

        j.assertBuildStatus(Result.FAILURE, run);
        j.assertLogContains("deployed, but its verification failed: checkout is down", run);
        RunId runId = RunId.forBuild("promote", 1);
        assertThat(stagingLedger().verification(runId).orElseThrow().passed(), is(false));
        assertThat(stagingLedger().run(runId).orElseThrow().status(), is(Optional.of(ReleaseStatus.SUCCEEDED)));
    }

    @Test
    void aJenkinsfileCannotRecordAVerificationForARunOrEnvironmentItDidNotRelease() throws Exception {
        MockFolder folder = j.createFolder("release");
        WorkflowJob promote = folder.createProject(WorkflowJob.class, "promote");
        j.assertBuildStatus(
                Result.FAILURE,
                build(
                        promote,
                        "  promoteRelease manifest: '" + STAGING + "', " + HANDLERS
                                + ", verify: { ctx -> error 'down' }\n"));
        RunId legitimate = RunId.forBuild("release/promote", 1);
        assertThat(stagingLedger().verification(legitimate).orElseThrow().passed(), is(false));
        WorkflowJob attacker = j.jenkins.createProject(WorkflowJob.class, "attacker");

        // No parameter names another run: the run is always the build's own.
        WorkflowRun namingAnotherRun = build(
                attacker,
                "  recordRelease event: 'verified', manifest: '" + STAGING + "', result: 'SUCCESS',"
                        + " runId: 'release/promote#1'\n");
        j.assertBuildStatus(Result.FAILURE, namingAnotherRun);
        j.assertLogContains("Unknown parameter(s) found for class type", namingAnotherRun);

        // Without a run of its own, there is nothing this build may verify.
        WorkflowRun forged =
                build(attacker, "  recordRelease event: 'verified', manifest: '" + STAGING + "', result: 'SUCCESS'\n");
        j.assertBuildStatus(Result.FAILURE, forged);
        j.assertLogContains("This build has no successful run of release", forged);

        // After its own run of staging: not another environment, which its job may not release into.
        WorkflowRun otherEnvironment = build(
                attacker,
                "  promoteRelease manifest: '" + STAGING + "', " + HANDLERS + "\n"
                        + "  recordRelease event: 'verified', manifest: '" + PRODUCTION + "', result: 'SUCCESS'\n");
        j.assertBuildStatus(Result.FAILURE, otherEnvironment);
        j.assertLogContains("The job attacker may not release into production-us-east-2", otherEnvironment);

        // Not a run that failed.
        WorkflowRun failedRun = build(
                attacker,
                "  try {\n"
                        + "    promoteRelease manifest: '" + STAGING + "', all: true, "
                        + HANDLERS.replace("{ ctx -> echo 'p' }", "{ ctx -> error 'portal failed' }") + "\n"
                        + "  } catch (e) {\n"
                        + "    recordRelease event: 'verified', manifest: '" + STAGING + "', result: 'SUCCESS'\n"
                        + "  }\n");
        j.assertBuildStatus(Result.FAILURE, failedRun);
        j.assertLogContains("This build has no successful run of release", failedRun);

        // Not a failed verification papered over by a second one.
        WorkflowRun twice = build(
                attacker,
                "  try {\n"
                        + "    promoteRelease manifest: '" + STAGING + "', all: true, " + HANDLERS
                        + ", verifyJob: 'missing-job'\n"
                        + "  } catch (e) {\n"
                        + "    recordRelease event: 'verified', manifest: '" + STAGING + "', result: 'SUCCESS'\n"
                        + "  }\n");
        j.assertBuildStatus(Result.FAILURE, twice);
        j.assertLogContains("is already recorded; a run is verified once", twice);

        assertThat(stagingLedger().verification(legitimate).orElseThrow().passed(), is(false));
        for (int build = 1; build <= 4; build++) {
            assertThat(
                    stagingLedger()
                            .verification(RunId.forBuild("attacker", build))
                            .isPresent(),
                    is(false));
        }
        assertThat(
                stagingLedger()
                        .verification(RunId.forBuild("attacker", 5))
                        .orElseThrow()
                        .passed(),
                is(false));
        assertThat(
                ReleaseTrainConfiguration.get()
                        .ledger()
                        .read("production-us-east-2")
                        .runs()
                        .isEmpty(),
                is(true));
    }
}
