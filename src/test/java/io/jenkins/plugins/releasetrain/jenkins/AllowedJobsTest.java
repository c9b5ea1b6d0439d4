package io.jenkins.plugins.releasetrain.jenkins;

import static io.jenkins.plugins.releasetrain.jenkins.ExampleManifests.STAGING;
import static io.jenkins.plugins.releasetrain.jenkins.ExampleManifests.staging;
import static io.jenkins.plugins.releasetrain.jenkins.ExampleManifests.withoutImages;
import static io.jenkins.plugins.releasetrain.jenkins.ExampleManifests.writeFile;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;

import hudson.model.Result;
import io.jenkins.plugins.releasetrain.ledger.RunId;
import java.util.List;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockFolder;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Staging may be released only by the jobs in the folder {@code release}. The attacker owns another job and
 * edits its Pipeline: every step that would write staging's ledger or decide from it refuses that job.
 */
@WithJenkins
class AllowedJobsTest {

    private static final String MANIFEST = withoutImages(staging());

    private JenkinsRule j;

    @BeforeEach
    void onlyReleaseJobsMayReleaseStaging(JenkinsRule rule) {
        j = rule;
        ReleaseProtectionRule staging = new ReleaseProtectionRule("staging", "staging-*");
        staging.setAllowedJobs("release/**");
        ReleaseTrainConfiguration.get().setProtectionRules(List.of(staging));
    }

    private WorkflowRun build(WorkflowJob job, String body) throws Exception {
        job.setDefinition(new CpsFlowDefinition("node {\n" + writeFile(STAGING, MANIFEST) + body + "}", true));
        return j.waitForCompletion(job.scheduleBuild2(0).waitForStart());
    }

    @Test
    void aJobTheRuleDoesNotNameCannotRecordDecideOrTag() throws Exception {
        WorkflowJob attacker = j.createProject(WorkflowJob.class, "attacker");
        for (String step : List.of(
                "recordRelease event: 'started', manifest: '" + STAGING + "'",
                "releaseApproval manifest: '" + STAGING + "'",
                "tagImages manifest: '" + STAGING + "'")) {
            WorkflowRun run = build(attacker, "  " + step + "\n");

            j.assertBuildStatus(Result.FAILURE, run);
            j.assertLogContains(
                    "The job attacker may not release into staging-us-east-2: protection rule 'staging' lets only"
                            + " release/** do so",
                    run);
        }
        assertThat(
                ReleaseTrainConfiguration.get()
                        .ledger()
                        .read("staging-us-east-2")
                        .runs(),
                empty());
    }

    @Test
    void aJobInTheAllowedFolderReleasesAndItsRecordsNameIt() throws Exception {
        MockFolder folder = j.createFolder("release");
        WorkflowJob promote = folder.createProject(WorkflowJob.class, "promote");

        WorkflowRun run = build(
                promote,
                "  promoteRelease manifest: '" + STAGING + "', handlers: ["
                        + "'lambda-job': { ctx -> echo 'l' }, 's3-upload-resources': { ctx -> echo 'r' },"
                        + " 's3-upload-public-assets': { ctx -> echo 'a' }, 's3-upload-portal': { ctx -> echo 'p' },"
                        + " 'api-gw-deploy': { ctx -> echo 'g' }]\n");

        j.assertBuildStatusSuccess(run);
        assertThat(
                ReleaseTrainConfiguration.get()
                        .ledger()
                        .read("staging-us-east-2")
                        .run(RunId.forBuild("release/promote", 1))
                        .orElseThrow()
                        .started()
                        .details()
                        .get("jenkins.job"),
                is("release/promote"));
    }

    @Test
    void malformedPatternsAreRefusedWhenSet() {
        ReleaseProtectionRule rule = new ReleaseProtectionRule("prod", "production-*");

        IllegalArgumentException refused = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> rule.setAllowedJobs("/release/**"));
        assertThat(refused.getMessage().contains("starts or ends with '/'"), is(true));
    }
}
