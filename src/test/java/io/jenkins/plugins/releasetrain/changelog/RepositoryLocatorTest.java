package io.jenkins.plugins.releasetrain.changelog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Where a manifest's repositories are: only where configuration says. */
class RepositoryLocatorTest {

    private final RepositoryLocator locator = new RepositoryLocator(
            Optional.of("https://git.example.com/acme/{gitRepoName}.git"),
            Map.of("legacy/portal", "https://old.example.com/portal.git"));

    @Test
    void aPlainNameFillsTheTemplate() {
        assertThat(locator.locate("public-portal").orElseThrow().display())
                .isEqualTo("https://git.example.com/acme/public-portal.git");
    }

    @Test
    void aNameThatWouldLeaveTheTemplatesPathNeedsAnOverride() {
        assertThat(locator.locate("other-org/secret")).isEmpty();
        assertThat(locator.locate("../secret")).isEmpty();
        assertThat(locator.locate("legacy/portal").orElseThrow().display())
                .isEqualTo("https://old.example.com/portal.git");
    }

    @Test
    void anImageSourceLabelIsFollowedOnlyToAConfiguredLocation() {
        assertThat(locator.nameOf("https://GIT.example.com/acme/app")).contains("app");
        assertThat(locator.nameOf("https://git.example.com/acme/app.git/")).contains("app");
        assertThat(locator.nameOf("https://old.example.com/portal")).contains("legacy/portal");
        assertThat(locator.nameOf("https://evil.example.net/acme/app")).isEmpty();
        assertThat(locator.nameOf("https://git.example.com/acme/other-org/app")).isEmpty();
    }

    @Test
    void aTemplateWithoutThePlaceholderIsRefused() {
        assertThatThrownBy(() -> new RepositoryLocator(Optional.of("https://git.example.com/acme/app.git"), Map.of()))
                .hasMessageContaining("has no {gitRepoName}");
    }

    @Test
    void overridesAreReadOnePerLine() {
        assertThat(RepositoryLocator.parseOverrides("# moved\nportal = https://a/p.git\n\napi=/srv/git/api\n"))
                .containsExactly(Map.entry("api", "/srv/git/api"), Map.entry("portal", "https://a/p.git"));
        assertThatThrownBy(() -> RepositoryLocator.parseOverrides("portal https://a/p.git"))
                .hasMessage("line 1 is not NAME=URL: portal https://a/p.git");
    }
}
