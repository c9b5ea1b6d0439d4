package io.jenkins.plugins.releasetrain.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EnvironmentNamesTest {

    @Test
    void namesAreSeparatedByCommasOrSpacesInTheOrderGiven() {
        assertThat(EnvironmentNames.parse(" staging-us-east-2,production-us-east-2\n  dr-us-west-2 , "))
                .containsExactly("staging-us-east-2", "production-us-east-2", "dr-us-west-2");
    }

    @Test
    void blankTextIsNoNames() {
        assertThat(EnvironmentNames.parse(null)).isEmpty();
        assertThat(EnvironmentNames.parse("  , ")).isEmpty();
    }

    @Test
    void refusesANameThatIsNotAnEnvironmentSayingHowToWriteIt() {
        assertThatThrownBy(() -> EnvironmentNames.parse("staging, Production_US"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(
                        "The environment name Production_US is not a valid name: use 1 to 63 lowercase");
    }

    @Test
    void refusesANameGivenTwice() {
        assertThatThrownBy(() -> EnvironmentNames.parse("staging production staging"))
                .hasMessage("The environment staging is listed twice");
    }

    @Test
    void formatsTheNamesAsTheFormShowsThem() {
        assertThat(EnvironmentNames.format(EnvironmentNames.parse("a b,c"))).isEqualTo("a, b, c");
    }
}
