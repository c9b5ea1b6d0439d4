package io.jenkins.plugins.releasetrain.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class JobTemplateChoiceTest {

    private static final Optional<String> ADMINS = Optional.of("deploy/${workflowBase}");

    @Test
    void aPipelineCannotReplaceTheAdministratorsTemplateUnlessAllowed() {
        assertThatThrownBy(() -> JobTemplateChoice.choose(ADMINS, false, Optional.of("/attacker-${workflowBase}")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("administrators set the template to 'deploy/${workflowBase}'")
                .hasMessageContaining("Leave jobTemplate out");

        assertThat(JobTemplateChoice.choose(ADMINS, true, Optional.of("other/${workflowBase}"))
                        .template())
                .isEqualTo("other/${workflowBase}");
    }

    @Test
    void withoutAPipelineChoiceTheAdministratorsTemplateOrTheDefaultIsUsed() {
        assertThat(JobTemplateChoice.choose(ADMINS, false, Optional.empty()).template())
                .isEqualTo("deploy/${workflowBase}");
        assertThat(JobTemplateChoice.choose(ADMINS, false, ADMINS).template()).isEqualTo("deploy/${workflowBase}");
        assertThat(JobTemplateChoice.choose(Optional.empty(), false, Optional.empty()))
                .isEqualTo(JobTemplate.DEFAULT);
    }

    @Test
    void whereAdministratorsChoseNoTemplateAPipelineMayNameAValidOne() {
        assertThat(JobTemplateChoice.choose(Optional.empty(), false, Optional.of("release-jobs/${workflowBase}"))
                        .template())
                .isEqualTo("release-jobs/${workflowBase}");
        assertThatThrownBy(() -> JobTemplateChoice.choose(Optional.empty(), false, Optional.of("")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
