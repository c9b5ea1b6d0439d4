package io.jenkins.plugins.releasetrain.approval;

import static io.jenkins.plugins.releasetrain.approval.Scenario.NOW;
import static io.jenkins.plugins.releasetrain.approval.Scenario.PRODUCTION;
import static io.jenkins.plugins.releasetrain.approval.Scenario.TWO_LEADS;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.releasetrain.plan.ReleasePlan;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EnvironmentRulesTest {

    private static final ProtectionPolicy POLICY = ProtectionPolicy.of(TWO_LEADS);

    @Test
    void withoutAnUpstreamThePolicysRuleDecides() {
        assertThat(EnvironmentRules.forEnvironment(POLICY, "production-us-east-2", Optional.empty()))
                .contains(TWO_LEADS);
        assertThat(EnvironmentRules.forEnvironment(POLICY, "staging-us-east-2", Optional.empty()))
                .isEmpty();
    }

    @Test
    void theUpstreamIsAddedToWhatTheRuleRequires() {
        ProtectionRule rule = EnvironmentRules.forEnvironment(
                        POLICY, "production-us-east-2", Optional.of("staging-us-east-2"))
                .orElseThrow();

        assertThat(rule.name()).isEqualTo("production");
        assertThat(rule.requiredApprovals()).isEqualTo(2);
        assertThat(rule.requires()).containsExactly(EnvironmentPattern.of("staging-us-east-2"));
        ProtectionRule requiring = TWO_LEADS.withRequires("staging-*");
        assertThat(EnvironmentRules.forEnvironment(
                                ProtectionPolicy.of(requiring),
                                "production-us-east-2",
                                Optional.of("staging-us-east-2"))
                        .orElseThrow()
                        .requires())
                .containsExactly(EnvironmentPattern.of("staging-*"), EnvironmentPattern.of("staging-us-east-2"));
    }

    @Test
    void anUnprotectedEnvironmentWithAnUpstreamIsProtectedByItsPromotionOrderAlone() {
        ProtectionRule rule = EnvironmentRules.forEnvironment(
                        ProtectionPolicy.none(), "production-us-east-2", Optional.of("staging-us-east-2"))
                .orElseThrow();

        assertThat(rule.name()).isEqualTo(EnvironmentRules.PROMOTION_ORDER);
        assertThat(rule.requiredApprovals()).isZero();
        ApprovalRequest request = ApprovalRequest.of(
                ReleasePlan.of(PRODUCTION, Optional.empty()), ApprovalHistory.empty(), Participants.none());
        assertThat(ApprovalGate.decide(Optional.of(rule), request, NOW))
                .isInstanceOfSatisfying(
                        Decision.Refused.class,
                        refused -> assertThat(refused.reason()).isEqualTo(Decision.RefusalReason.PROMOTION_ORDER));
        assertThat(List.of(rule.protects("production-us-east-2"), rule.protects("production-eu-west-1")))
                .containsExactly(true, false);
    }
}
