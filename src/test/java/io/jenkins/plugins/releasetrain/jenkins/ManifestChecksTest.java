package io.jenkins.plugins.releasetrain.jenkins;

import static io.jenkins.plugins.releasetrain.jenkins.ExampleManifests.PRODUCTION;
import static io.jenkins.plugins.releasetrain.jenkins.ExampleManifests.RESOURCES_COMMIT;
import static io.jenkins.plugins.releasetrain.jenkins.ExampleManifests.STAGING;
import static io.jenkins.plugins.releasetrain.jenkins.ExampleManifests.production;
import static io.jenkins.plugins.releasetrain.jenkins.ExampleManifests.replaceOnce;
import static io.jenkins.plugins.releasetrain.jenkins.ExampleManifests.writeFile;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

import hudson.model.Result;
import io.jenkins.plugins.checks.api.ChecksAnnotation;
import io.jenkins.plugins.checks.api.ChecksConclusion;
import io.jenkins.plugins.checks.api.ChecksDetails;
import io.jenkins.plugins.checks.api.ChecksOutput;
import io.jenkins.plugins.checks.api.ChecksStatus;
import io.jenkins.plugins.checks.util.CapturingChecksPublisher;
import io.jenkins.plugins.releasetrain.manifest.Diagnostic;
import io.jenkins.plugins.releasetrain.manifest.ManifestException;
import io.jenkins.plugins.releasetrain.manifest.ManifestLoader;
import java.util.List;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.TestExtension;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** What a pull request shows of {@code validateReleaseManifest}, through the Checks API's capturing publisher. */
@WithJenkins
class ManifestChecksTest {

    @TestExtension
    public static final class Capturing extends CapturingChecksPublisher.Factory {}

    private final Capturing publisher = new Capturing();

    @AfterEach
    void forgetPublishedChecks() {
        publisher.getPublishedChecks().clear();
    }

    @Test
    void anInvalidManifestFailsTheCheckWithEachErrorAnnotatedAtItsLineAndColumn(JenkinsRule j) throws Exception {
        String invalid = ReleaseManifestStepsTest.invalidStaging();
        run(
                j,
                Result.FAILURE,
                "node {\n" + writeFile(STAGING, invalid) + "  validateReleaseManifest file: '" + STAGING + "'\n}");

        List<ChecksDetails> published = publisher.getPublishedChecks();
        assertThat(published, hasSize(1));
        ChecksDetails check = published.get(0);
        assertThat(check.getName().orElseThrow(), is("Release manifest"));
        assertThat(check.getStatus(), is(ChecksStatus.COMPLETED));
        assertThat(check.getConclusion(), is(ChecksConclusion.FAILURE));
        ChecksOutput output = check.getOutput().orElseThrow();
        assertThat(output.getTitle().orElseThrow(), is("2 errors"));
        List<Diagnostic> errors = errorsOf(invalid);
        assertThat(output.getChecksAnnotations(), hasSize(errors.size()));
        for (int i = 0; i < errors.size(); i++) {
            ChecksAnnotation annotation = output.getChecksAnnotations().get(i);
            assertThat(annotation.getPath().orElseThrow(), is(STAGING));
            assertThat(
                    annotation.getStartLine().orElseThrow(),
                    is(errors.get(i).position().line()));
            assertThat(
                    annotation.getEndLine().orElseThrow(),
                    is(errors.get(i).position().line()));
            assertThat(
                    annotation.getStartColumn().orElseThrow(),
                    is(errors.get(i).position().column()));
            assertThat(annotation.getAnnotationLevel(), is(ChecksAnnotation.ChecksAnnotationLevel.FAILURE));
            assertThat(annotation.getMessage().orElseThrow(), is(errors.get(i).message()));
        }
    }

    @Test
    void aValidManifestPassesWithWhatMergingDeploysInTheSummary(JenkinsRule j) throws Exception {
        String changed =
                replaceOnce(production(), "gitCommit: 3e1bfbd23a381c770cac57e56fb08d66c00b77ee", RESOURCES_COMMIT);
        run(
                j,
                Result.SUCCESS,
                "node {\n" + writeFile(PRODUCTION, changed) + writeFile("deployed/production.yaml", production())
                        + "  validateReleaseManifest file: '" + PRODUCTION
                        + "', against: 'deployed/production.yaml', checksName: 'production manifest'\n}");

        ChecksDetails check = publisher.getPublishedChecks().get(0);
        assertThat(check.getName().orElseThrow(), is("production manifest"));
        assertThat(check.getConclusion(), is(ChecksConclusion.SUCCESS));
        ChecksOutput output = check.getOutput().orElseThrow();
        assertThat(output.getTitle().orElseThrow(), is("valid: 1 changed, 8 unchanged"));
        assertThat(
                output.getSummary().orElseThrow(),
                containsString("| product1/deploy/resources | changed | `3e1bfbd23a38` → `4f545ec8f09c` |"));
        assertThat(output.getChecksAnnotations(), is(empty()));
    }

    @Test
    void nothingIsPublishedWhenThePipelineSaysSo(JenkinsRule j) throws Exception {
        run(
                j,
                Result.SUCCESS,
                "node {\n" + writeFile(STAGING, ExampleManifests.staging()) + "  validateReleaseManifest file: '"
                        + STAGING + "', publishChecks: false\n}");

        assertThat(publisher.getPublishedChecks(), is(empty()));
    }

    private static void run(JenkinsRule j, Result expected, String script) throws Exception {
        WorkflowJob job = j.createProject(WorkflowJob.class);
        job.setDefinition(new CpsFlowDefinition(script, true));
        j.buildAndAssertStatus(expected, job);
    }

    private static List<Diagnostic> errorsOf(String text) {
        try {
            new ManifestLoader().load(STAGING, text);
            throw new AssertionError("expected an invalid manifest");
        } catch (ManifestException e) {
            return e.diagnostics().stream().filter(Diagnostic::isError).toList();
        }
    }
}
