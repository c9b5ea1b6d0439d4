package io.jenkins.plugins.releasetrain.gitops;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IdentityTest {

    @Test
    void parsesTheNameAndEmailOfAnAuthorLineOrTrailer() {
        assertThat(Identity.parse("  Erin Pair <Erin@Example.COM> "))
                .contains(new Identity("Erin Pair", "erin@example.com"));
        assertThat(Identity.parse("<bot@example.com>")).contains(new Identity("", "bot@example.com"));
        assertThat(Identity.parse("Erin Pair")).isEmpty();
        assertThat(Identity.parse("Erin <>")).isEmpty();
    }

    @Test
    void matchesAnApproverByEmailNameOrGitHubNoreplyLogin() {
        Identity erin = new Identity("Erin Pair", "1234+erinp@users.noreply.github.com");

        assertThat(erin.matches("ERINP")).isTrue();
        assertThat(erin.matches("erin pair")).isTrue();
        assertThat(erin.matches("1234+erinp@users.noreply.github.com")).isTrue();
        assertThat(erin.matches("erin")).isFalse();
        assertThat(erin.matches(" ")).isFalse();
        assertThat(new Identity("Al", "al@example.com").matches("AL@example.com"))
                .isTrue();
    }
}
