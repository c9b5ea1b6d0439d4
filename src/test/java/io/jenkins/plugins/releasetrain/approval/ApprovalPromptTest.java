package io.jenkins.plugins.releasetrain.approval;

import static io.jenkins.plugins.releasetrain.approval.Scenario.PRODUCTION;
import static io.jenkins.plugins.releasetrain.approval.Scenario.TWO_LEADS;
import static io.jenkins.plugins.releasetrain.approval.Scenario.lead;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ApprovalPromptTest {

    private static final String PLAN = "Release 777c70fc5df5 for production-us-east-2\n  9 added\n";
    private static final Optional<String> LINK = Optional.of("https://jenkins.example.com/job/promote/7/release/");

    /** Frozen all of Wednesday in UTC, when {@link Scenario#NOW} falls. */
    private static final FreezeWindow WEDNESDAY = new WeeklyFreeze(
            "midweek",
            new WeeklyTime(DayOfWeek.WEDNESDAY, LocalTime.of(0, 0)),
            new WeeklyTime(DayOfWeek.THURSDAY, LocalTime.of(0, 0)),
            ZoneId.of("UTC"));

    private static Optional<ApprovalPrompt> prompt(ProtectionRule rule, Scenario scenario, int round) {
        return ApprovalPrompt.of(scenario.decide(), Optional.of(rule), PLAN, LINK, round);
    }

    @Test
    void asksTheRulesApproversToApproveOrRejectWithTheDecisionAndThePlan() {
        ApprovalPrompt prompt = prompt(TWO_LEADS, Scenario.under(TWO_LEADS).event(lead("bob")), 1)
                .orElseThrow();

        assertThat(prompt.id()).isEqualTo("Release-" + PRODUCTION.id().shortForm() + "-1");
        assertThat(prompt.submitter()).isEqualTo("release-leads");
        assertThat(prompt.actions()).containsExactly("approve", "reject");
        assertThat(prompt.message())
                .startsWith("Release " + PRODUCTION.id().shortForm() + " to production-us-east-2 is waiting for"
                        + " approval.\n")
                .contains("It needs 1 more approval (2 required) from a member of release-leads; given so far by bob")
                .contains("\n\n" + PLAN.strip() + "\n")
                .endsWith("\nThe release and its approvals so far: " + LINK.get() + "\n");
    }

    @Test
    void aPlanTooLongToKeepWithThePromptIsLeftToTheReleasePage() {
        StringBuilder plan = new StringBuilder("Release 777c70fc5df5 for production-us-east-2\n");
        for (int i = 0; i < 60; i++) {
            plan.append("  product1/microservice-").append(i).append("  3e1bfbd23a38 -> 4f545ec8f09c\n");
        }

        ApprovalPrompt prompt = ApprovalPrompt.of(
                        Scenario.under(TWO_LEADS).decide(), Optional.of(TWO_LEADS), plan.toString(), LINK, 1)
                .orElseThrow();

        assertThat(prompt.message())
                .hasSizeLessThanOrEqualTo(ApprovalPrompt.MAX_MESSAGE_LENGTH)
                .contains("It needs 2 approvals (2 required)")
                .contains("The plan (61 lines) is too long for this prompt")
                .endsWith("\nThe release and its approvals so far: " + LINK.get() + "\n");
        assertThat(prompt.releaseId()).isEqualTo(PRODUCTION.id().value());
    }

    @Test
    void aNoteForApproversIsKeptWhenThePlanIsLeftOut() {
        String plan = PLAN + "  product1/microservice-1  3e1bfbd23a38 -> 4f545ec8f09c\n".repeat(60);
        String note = "Dropping the hotfix on product1/deploy/portal, as the Pipeline says: reverted on purpose";

        ApprovalPrompt prompt = ApprovalPrompt.of(
                        Scenario.under(TWO_LEADS).decide(),
                        Optional.of(TWO_LEADS),
                        Optional.empty(),
                        List.of(note),
                        plan,
                        LINK,
                        1)
                .orElseThrow();

        assertThat(prompt.message())
                .hasSizeLessThanOrEqualTo(ApprovalPrompt.MAX_MESSAGE_LENGTH)
                .contains("It needs 2 approvals (2 required)")
                .contains("(started this release).\n" + note + "\n")
                .contains("is too long for this prompt");
    }

    @Test
    void aRollbacksPromptSaysFirstWhereItGoesBackToEvenWhenThePlanIsLeftOut() {
        String plan = PLAN + "  product1/microservice-1  3e1bfbd23a38 -> 4f545ec8f09c\n".repeat(60);

        ApprovalPrompt prompt = ApprovalPrompt.of(
                        Scenario.under(TWO_LEADS).decide(),
                        Optional.of(TWO_LEADS),
                        Optional.of("rollback to run promote#4"),
                        plan,
                        LINK,
                        1)
                .orElseThrow();

        assertThat(prompt.message())
                .startsWith("Release " + PRODUCTION.id().shortForm() + " to production-us-east-2 is waiting for"
                        + " approval: it is a rollback to run promote#4, back to content that ran here before.\n")
                .contains("is too long for this prompt");
    }

    @Test
    void eachRoundHasItsOwnId() {
        Scenario scenario = Scenario.under(TWO_LEADS);

        assertThat(prompt(TWO_LEADS, scenario, 2).orElseThrow().id()).endsWith("-2");
        assertThatThrownBy(() -> prompt(TWO_LEADS, scenario, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void namedUsersAndGroupsAreSubmittersOnceEach() {
        ProtectionRule rule = ProtectionRule.protecting("production", "production-*")
                .withApprovals(2, new Approvers(List.of("Bob", "dana", "bob"), List.of("leads")));

        assertThat(prompt(rule, Scenario.under(rule), 1).orElseThrow().submitter())
                .isEqualTo("Bob,dana,leads");
    }

    @Test
    void offersTheEmergencyOverrideDuringAFreezeThatAllowsOne() {
        ProtectionRule rule = TWO_LEADS
                .withFreezeWindows(WEDNESDAY)
                .withEmergencyOverride(new EmergencyOverride(Approvers.groups("sre-oncall"), 1));

        ApprovalPrompt prompt = prompt(rule, Scenario.under(rule), 1).orElseThrow();

        assertThat(prompt.actions()).containsExactly("approve", "emergency-override", "reject");
        assertThat(prompt.submitter()).contains("release-leads").contains("sre-oncall");
    }

    @Test
    void offersABypassOnlyWhereTheRuleAllowsIt() {
        ProtectionRule rule = TWO_LEADS.withAdminBypass(true);

        assertThat(prompt(rule, Scenario.under(rule), 1).orElseThrow().actions())
                .containsExactly("approve", "reject", "bypass");
    }

    @Test
    void asksNothingWhenNoAnswerCanChangeTheDecision() {
        Scenario approved = Scenario.under(TWO_LEADS).events(lead("bob"), lead("dana"));
        Scenario rejected = Scenario.under(TWO_LEADS).event(lead("bob").rejects("breaks checkout"));
        ProtectionRule frozenForGood = TWO_LEADS.withFreezeWindows(WEDNESDAY);

        assertThat(prompt(TWO_LEADS, approved, 1)).isEmpty();
        assertThat(prompt(TWO_LEADS, rejected, 1)).isEmpty();
        assertThat(prompt(frozenForGood, Scenario.under(frozenForGood), 1)).isEmpty();
    }

    @Test
    void isAPlainMapForPipelineScripts() {
        ApprovalPrompt prompt = prompt(TWO_LEADS, Scenario.under(TWO_LEADS), 1).orElseThrow();

        assertThat(prompt.toMap())
                .containsEntry("id", prompt.id())
                .containsEntry("releaseId", PRODUCTION.id().value())
                .containsEntry("submitter", "release-leads")
                .containsEntry("actions", List.of("approve", "reject"))
                .containsEntry("message", prompt.message());
    }
}
