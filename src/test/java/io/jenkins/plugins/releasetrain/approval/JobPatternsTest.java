package io.jenkins.plugins.releasetrain.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class JobPatternsTest {

    private static boolean allows(String patterns, String job) {
        return JobPatterns.parse(patterns).allows(Optional.of(job));
    }

    @Test
    void aFullNameAllowsThatJobOnly() {
        assertThat(allows("infra/release-train/main", "infra/release-train/main"))
                .isTrue();
        assertThat(allows("infra/release-train/main", "infra/release-train/main2"))
                .isFalse();
        assertThat(allows("infra/release-train/main", "infra/release-train")).isFalse();
        assertThat(allows("infra/release-train/main", "other/infra/release-train/main"))
                .isFalse();
    }

    @Test
    void oneStarIsOneNameAndTwoStarsAreAnyDepthInsideTheFolder() {
        assertThat(allows("infra/*", "infra/promote")).isTrue();
        assertThat(allows("infra/*", "infra/team/promote")).isFalse();
        assertThat(allows("infra/**", "infra/team/promote")).isTrue();
        assertThat(allows("infra/**", "infra/promote")).isTrue();
        assertThat(allows("infra/**", "infra")).isFalse();
        assertThat(allows("infra/**", "infrastructure/promote")).isFalse();
        assertThat(allows("*/release-train/*", "payments/release-train/main")).isTrue();
    }

    @Test
    void patternsAreSeparatedByCommasAndLinesAndNamesMayHoldSpaces() {
        JobPatterns patterns = JobPatterns.parse("infra/main,\n  Release Jobs/promote \r\n,");

        assertThat(patterns.patterns()).containsExactly("infra/main", "Release Jobs/promote");
        assertThat(patterns.allows(Optional.of("Release Jobs/promote"))).isTrue();
        assertThat(patterns.describe()).isEqualTo("infra/main, Release Jobs/promote");
    }

    @Test
    void noPatternAllowsEveryJobAndSomePatternsAllowNoUnknownJob() {
        assertThat(JobPatterns.parse("  ").allows(Optional.empty())).isTrue();
        assertThat(JobPatterns.any().allows(Optional.of("anything/at/all"))).isTrue();
        assertThat(JobPatterns.parse("infra/**").allows(Optional.empty())).isFalse();
    }

    @Test
    void malformedPatternsAreRefusedWithTheirPart() {
        assertThatThrownBy(() -> JobPatterns.parse("/infra/main"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("starts or ends with '/'");
        assertThatThrownBy(() -> JobPatterns.parse("infra//main")).hasMessageContaining("the part ''");
        assertThatThrownBy(() -> JobPatterns.parse("infra/ma*n")).hasMessageContaining("the part 'ma*n'");
        assertThatThrownBy(() -> JobPatterns.parse("infra/\u0007")).hasMessageContaining("each part");
    }
}
