package io.jenkins.plugins.releasetrain.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Which rule protects an environment: names and globs, and the first matching rule wins. */
class ProtectionPolicyTest {

    private static final ProtectionPolicy POLICY = ProtectionPolicy.of(
            ProtectionRule.protecting("eu-production", "production-eu-*")
                    .withApprovals(3, Approvers.groups("eu-release-leads")),
            ProtectionRule.protecting("production", "production-*", "prod")
                    .withApprovals(2, Approvers.groups("release-leads")),
            ProtectionRule.protecting("staging", "staging-??-*").withRequires("dev-*"),
            ProtectionRule.protecting("everything-else-production", "production-us-east-2"));

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "production-eu-west-1, eu-production",
        "production-us-east-2, production",
        "production-, production",
        "prod, production",
        "staging-us-east-2, staging",
        "staging-u-east-2, ",
        "staging-useast, ",
        "preproduction-us, ",
        "dev-us-east-2, ",
    })
    void theFirstMatchingRuleDecides(String environment, String expectedRule) {
        assertThat(POLICY.ruleFor(environment).map(ProtectionRule::name)).isEqualTo(Optional.ofNullable(expectedRule));
    }

    @Test
    void noRuleMeansUnprotected() {
        assertThat(ProtectionPolicy.none().ruleFor("production-us-east-2")).isEmpty();
    }

    @ParameterizedTest(name = "{0} matches {1}: {2}")
    @MethodSource("globs")
    void globsMatchWholeNames(String glob, String environment, boolean matches) {
        assertThat(EnvironmentPattern.of(glob).matches(environment)).isEqualTo(matches);
    }

    static Stream<Arguments> globs() {
        return Stream.of(
                arguments("production-*", "production-us-east-2", true),
                arguments("production-*", "production", false),
                arguments("production-*", "xproduction-us", false),
                arguments("*-us-*", "staging-us-east-2", true),
                arguments("*-us-*", "staging-eu-west-1", false),
                arguments("*", "anything", true),
                arguments("prod?", "prod1", true),
                arguments("prod?", "prod", false),
                arguments("prod?", "prod12", false),
                arguments("a*b*c", "aXbYbZc", true),
                arguments("a*b*c", "aXcYb", false),
                arguments("production-us-east-2", "production-us-east-2", true),
                arguments("production-us-east-2", "production-us-east-20", false));
    }

    @ParameterizedTest(name = "{0} covered by {1}: {2}")
    @CsvSource({
        "production-us-east-2, production-*, true",
        "production-eu-*, production-*, true",
        "production-*, production-eu-*, false",
        "production-?, production-*, true",
        "production-*, production-?, false",
        "staging-*, *, true",
        "*, staging-*, false",
        "a?c, a*, true",
        "a*c, a?c, false",
    })
    void aPatternCoveredByAnotherIsNeverReachedAfterIt(String pattern, String cover, boolean covered) {
        assertThat(EnvironmentPattern.of(pattern).isCoveredBy(EnvironmentPattern.of(cover)))
                .isEqualTo(covered);
    }

    @Test
    void refusesPatternsThatCannotBeEnvironmentNames() {
        assertThatThrownBy(() -> EnvironmentPattern.of("Production/*"))
                .isInstanceOf(RuleViolation.class)
                .hasMessage("'Production/*' is not an environment name or glob");
    }

    @Test
    void refusesRulesThatCannotWork() {
        assertThatThrownBy(() -> ProtectionRule.protecting("p", "production-*").withApprovals(2, Approvers.none()))
                .isInstanceOf(RuleViolation.class)
                .hasMessage("rule 'p' requires 2 approvals but names no approvers");
        assertThatThrownBy(() -> ProtectionRule.protecting("p", "production-*")
                        .withApprovals(3, Approvers.users("bob", "dana", "BOB")))
                .isInstanceOf(RuleViolation.class)
                .hasMessage("3 approvals are required but only 2 distinct users may give them");
        assertThatThrownBy(() -> ProtectionPolicy.of(
                        ProtectionRule.protecting("p", "production-*"), ProtectionRule.protecting("P", "staging-*")))
                .isInstanceOf(RuleViolation.class)
                .hasMessage("two rules are named 'P'");
        assertThatThrownBy(() -> new EmergencyOverride(Approvers.groups("sre"), 0))
                .isInstanceOf(RuleViolation.class)
                .hasMessageStartingWith("an emergency override needs at least 1 approval");
    }
}
