package io.jenkins.plugins.releasetrain.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JobTemplateTest {

    @Test
    void namesTheJobAfterTheWorkflowBase() {
        assertThat(JobTemplate.DEFAULT.jobFor("lambda-job")).isEqualTo("release-jobs/lambda-job");
        assertThat(new JobTemplate("/infra/deploy-${workflowBase}").jobFor("s3-upload"))
                .isEqualTo("/infra/deploy-s3-upload");
        assertThat(new JobTemplate("deploy-everything").jobFor("lambda-job")).isEqualTo("deploy-everything");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"../ops/${workflowBase}", "release-jobs/../${workflowBase}", "./${workflowBase}", "jobs/.."})
    void refusesTemplatesThatWalkOutOfTheirFolder(String template) {
        assertThat(JobTemplate.problem(template)).get().asString().contains("without '.' or '..'");
        assertThatThrownBy(() -> new JobTemplate(template)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"release-jobs//${workflowBase}", "release-jobs/${workflowBase}/", "/"})
    void refusesEmptyPathSegments(String template) {
        assertThat(JobTemplate.problem(template)).get().asString().contains("empty path segment");
    }

    @Test
    void refusesUnknownPlaceholders() {
        assertThat(JobTemplate.problem("release-jobs/${product}/${workflowBase}"))
                .contains("unknown placeholder ${product}; the only placeholder is ${workflowBase}");
    }

    @Test
    void refusesCharactersJenkinsDoesNotAllowInJobNames() {
        assertThat(JobTemplate.problem("release:jobs/${workflowBase}"))
                .get()
                .asString()
                .contains("contains ':'");
        assertThat(JobTemplate.problem("jobs/deploy.")).get().asString().contains("ending with '.'");
    }

    @Test
    void refusesBlankTemplates() {
        assertThat(JobTemplate.problem(" ")).isPresent();
        assertThat(JobTemplate.problem(null)).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"..", "a/b", "", "../../admin"})
    void refusesWorkflowBasesThatAreNotPlainNames(String workflowBase) {
        assertThatThrownBy(() -> JobTemplate.DEFAULT.jobFor(workflowBase))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("workflowBase");
    }
}
