package io.jenkins.plugins.releasetrain.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RunIdTest {

    @Test
    void aBuildsIdIsItsJobAndNumber() {
        assertThat(RunId.forBuild("releases/promote-production", 42).value())
                .isEqualTo("releases/promote-production#42");
    }

    @Test
    void charactersARunIdCannotHoldBecomeDashes() {
        assertThat(RunId.forBuild("Release Train/déploiement prod", 7).value())
                .isEqualTo("Release-Train/d-ploiement-prod#7");
        assertThat(RunId.forBuild(" (nightly) ", 1).value()).isEqualTo("nightly-#1");
        assertThat(RunId.forBuild("---", 3).value()).isEqualTo("build#3");
    }

    @Test
    void anOverLongJobNameKeepsItsEnd() {
        String job = "folder/".repeat(40) + "promote";

        RunId id = RunId.forBuild(job, 123456);

        assertThat(id.value()).hasSizeLessThanOrEqualTo(200).endsWith("folder/promote#123456");
        assertThat(Character.isLetterOrDigit(id.value().charAt(0))).isTrue();
    }

    @Test
    void aSecondRunOfTheSameBuildIsToldApartByWhatItIs() {
        assertThat(RunId.forBuild("releases/promote-production", 42, "rollback").value())
                .isEqualTo("releases/promote-production#42+rollback");
        assertThat(RunId.forBuild("folder/".repeat(40) + "promote", 7, "rollback")
                        .value())
                .hasSizeLessThanOrEqualTo(200)
                .endsWith("promote#7+rollback");
        assertThatThrownBy(() -> RunId.forBuild("promote", 7, "roll back"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void needsAJobAndANumber() {
        assertThatThrownBy(() -> RunId.forBuild("", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RunId.forBuild("promote", 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
