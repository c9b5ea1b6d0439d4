package io.jenkins.plugins.releasetrain.approval;

import static io.jenkins.plugins.releasetrain.approval.Scenario.ALICE_AUTHORED;
import static io.jenkins.plugins.releasetrain.approval.Scenario.NOW;
import static io.jenkins.plugins.releasetrain.approval.Scenario.PRODUCTION;
import static io.jenkins.plugins.releasetrain.approval.Scenario.STAGING;
import static io.jenkins.plugins.releasetrain.approval.Scenario.TWO_LEADS;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.releasetrain.plan.ReleasePlan;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The gate as its callers use it: judge an attempt, record what it says to record, evaluate again. The
 * history here is built only from what {@link ApprovalGate#judge} returned, as the CLI and the plugin do.
 */
class ApprovalGateTest {

    private static final Identity BOB = Identity.of("bob").withGroups("release-leads");
    private static final Identity DANA = Identity.of("dana").withGroups("release-leads");
    private static final Identity ALICE = Identity.of("alice").withGroups("release-leads");
    private static final Identity ERIN = Identity.of("erin").withGroups("release-leads");

    private final List<ApprovalEvent> ledger = new ArrayList<>();
    private Instant now = NOW;

    @Test
    void eachCountingApprovalBringsTheReleaseCloserUntilItIsAllowed() {
        assertThat(evaluate(TWO_LEADS)).isInstanceOf(Decision.NeedsApprovals.class);

        AttemptResult first = attempt(TWO_LEADS, BOB, ApprovalAction.APPROVE, "lgtm");
        assertThat(first.counts()).isTrue();
        assertThat(first.shouldRecord()).isTrue();
        assertThat(first.event().at()).isEqualTo(now);
        assertThat(first.event().releaseId()).isEqualTo(PRODUCTION.id());
        assertThat(first.judgement().message()).isEqualTo("bob approved at 2026-10-21 10:00 UTC: \"lgtm\".");
        assertThat(first.decision()).isInstanceOfSatisfying(Decision.NeedsApprovals.class, needs -> {
            assertThat(needs.missing()).isEqualTo(1);
            assertThat(needs.shortfalls().get(0).givenBy()).containsExactly("bob");
        });

        later(Duration.ofMinutes(5));
        AttemptResult second = attempt(TWO_LEADS, DANA, ApprovalAction.APPROVE, "");
        assertThat(second.decision()).isInstanceOf(Decision.Allowed.class);
        assertThat(evaluate(TWO_LEADS)).isInstanceOf(Decision.Allowed.class);
    }

    @Test
    void anAuthorsAttemptIsAnsweredNotRecorded() {
        AttemptResult result = attempt(TWO_LEADS, ALICE, ApprovalAction.APPROVE, "mine, but fine");
        assertThat(result.judgement().standing()).isEqualTo(Standing.AUTHOR);
        assertThat(result.shouldRecord()).isFalse();
        assertThat(result.judgement().message())
                .isEqualTo(
                        "alice cannot approve: alice authored this release (commit 1a2b3c4d5e6f, as alice@example.com).");
        assertThat(ledger).isEmpty();
        assertThat(((Decision.NeedsApprovals) result.decision()).missing()).isEqualTo(2);
    }

    @Test
    void approvingTwiceIsRecordedAndSaidToCountOnce() {
        attempt(TWO_LEADS, BOB, ApprovalAction.APPROVE, "");
        later(Duration.ofHours(1));
        AttemptResult again = attempt(TWO_LEADS, BOB, ApprovalAction.APPROVE, "still fine");
        assertThat(again.judgement().standing()).isEqualTo(Standing.DUPLICATE);
        assertThat(again.shouldRecord()).isTrue();
        assertThat(again.judgement().message())
                .isEqualTo("bob approved again at 2026-10-21 11:00 UTC; each person counts once (counted from"
                        + " 2026-10-21 10:00 UTC).");
        assertThat(((Decision.NeedsApprovals) again.decision()).missing()).isEqualTo(1);
    }

    @Test
    void aRecordedDuplicateKeepsCountingWhenTheFirstApprovalExpires() {
        attempt(TWO_LEADS, BOB, ApprovalAction.APPROVE, "");
        later(Duration.ofHours(20));
        attempt(TWO_LEADS, BOB, ApprovalAction.APPROVE, "renewed");
        attempt(TWO_LEADS, DANA, ApprovalAction.APPROVE, "");
        later(Duration.ofHours(5));
        Decision decision = evaluate(TWO_LEADS);
        assertThat(decision).isInstanceOf(Decision.Allowed.class);
        assertThat(decision.judgements())
                .extracting(Judgement::standing)
                .containsExactly(Standing.EXPIRED, Standing.COUNTS, Standing.COUNTS);
    }

    @Test
    void aRejectionRefusesAndLaterApprovalsAreToldWhy() {
        attempt(TWO_LEADS, BOB, ApprovalAction.APPROVE, "");
        AttemptResult rejection = attempt(TWO_LEADS, ERIN, ApprovalAction.REJECT, "breaks checkout");
        assertThat(rejection.counts()).isTrue();
        assertThat(rejection.decision()).isInstanceOf(Decision.Refused.class);
        later(Duration.ofMinutes(1));
        AttemptResult late = attempt(TWO_LEADS, DANA, ApprovalAction.APPROVE, "");
        assertThat(late.judgement().standing()).isEqualTo(Standing.AFTER_REJECTION);
        assertThat(late.shouldRecord()).isFalse();
        assertThat(late.judgement().message())
                .isEqualTo("dana's approval of 2026-10-21 10:01 UTC came after erin rejected this release at 2026-10-21"
                        + " 10:00 UTC; a rejection stands until the manifest changes.");
    }

    @Test
    void anEmergencyOverrideOutsideAFreezeIsRefusedWithTheReason() {
        ProtectionRule rule = TWO_LEADS.withEmergencyOverride(new EmergencyOverride(Approvers.groups("sre-oncall"), 1));
        AttemptResult result =
                attempt(rule, Identity.of("sam").withGroups("sre-oncall"), ApprovalAction.EMERGENCY_OVERRIDE, "INC-1");
        assertThat(result.judgement().standing()).isEqualTo(Standing.NOT_FROZEN);
        assertThat(result.judgement().message()).endsWith("does not count: no freeze was in effect when it was given.");
    }

    @Test
    void anUnprotectedEnvironmentNeedsNothing() {
        ApprovalGate gate = new ApprovalGate(ProtectionPolicy.of(TWO_LEADS), Clock.fixed(now, ZoneOffset.UTC));
        ApprovalRequest staging = ApprovalRequest.of(
                ReleasePlan.of(STAGING, Optional.empty()), ApprovalHistory.empty(), Participants.none());
        assertThat(gate.evaluate(staging)).isInstanceOfSatisfying(Decision.Allowed.class, allowed -> {
            assertThat(allowed.grounds()).isEqualTo(Decision.Grounds.UNPROTECTED);
            assertThat(allowed.rule()).isEmpty();
            assertThat(allowed.message())
                    .isEqualTo("No rule protects staging-us-east-2: release "
                            + STAGING.id().shortForm() + " may run without approval.");
        });
        AttemptResult attempt = gate.judge(staging, new ApprovalAttempt(BOB, ApprovalAction.APPROVE, ""));
        assertThat(attempt.judgement().standing()).isEqualTo(Standing.NOT_PROTECTED);
        assertThat(attempt.shouldRecord()).isFalse();
    }

    @Test
    void theGateReadsTheTimeFromItsClock() {
        ApprovalGate gate = new ApprovalGate(ProtectionPolicy.of(TWO_LEADS), Clock.fixed(now, ZoneOffset.UTC));
        ApprovalEvent bob = new ApprovalEvent(
                PRODUCTION.id(),
                "production-us-east-2",
                BOB,
                ApprovalAction.APPROVE,
                "",
                now.minus(Duration.ofHours(23)));
        ApprovalEvent dana = new ApprovalEvent(
                PRODUCTION.id(),
                "production-us-east-2",
                DANA,
                ApprovalAction.APPROVE,
                "",
                now.minus(Duration.ofHours(1)));
        ApprovalRequest request = request(ApprovalHistory.of(List.of(bob, dana), List.of()));
        assertThat(gate.evaluate(request)).isInstanceOf(Decision.Allowed.class);
        ApprovalGate tomorrow = new ApprovalGate(
                ProtectionPolicy.of(TWO_LEADS), Clock.offset(Clock.fixed(now, ZoneOffset.UTC), Duration.ofHours(2)));
        assertThat(tomorrow.evaluate(request)).isInstanceOf(Decision.NeedsApprovals.class);
    }

    @Test
    void decisionsBecomePlainMapsForJsonAndPipelineSteps() {
        ProtectionRule frozen = TWO_LEADS.withFreezeWindows(new WeeklyFreeze(
                "weekend",
                WeeklyTime.parse("Friday 18:00"),
                WeeklyTime.parse("Monday 08:00"),
                java.time.ZoneId.of("Europe/Berlin")));
        ProtectionRule rule = frozen.withEmergencyOverride(new EmergencyOverride(Approvers.groups("sre-oncall"), 1));
        now = Instant.parse("2026-10-24T10:00:00Z");
        AttemptResult result = attempt(rule, BOB, ApprovalAction.APPROVE, "ok");
        java.util.Map<String, Object> map = ApprovalMaps.attempt(result, true);
        assertThat(map).containsEntry("recorded", true);
        assertThat(map.get("judgement"))
                .isEqualTo(java.util.Map.of(
                        "actor", "bob",
                        "groups", List.of("release-leads"),
                        "action", "approve",
                        "releaseId", PRODUCTION.id().value(),
                        "at", "2026-10-24T10:00:00Z",
                        "comment", "ok",
                        "standing", "counts",
                        "counts", true,
                        "message", "bob approved at 2026-10-24 10:00 UTC: \"ok\"."));
        @SuppressWarnings("unchecked")
        java.util.Map<String, Object> decision = (java.util.Map<String, Object>) map.get("decision");
        assertThat(decision)
                .containsEntry("environment", "production-us-east-2")
                .containsEntry("rule", "production")
                .containsEntry("decision", "needs-approvals")
                .containsEntry("missing", 2);
        assertThat(decision.get("shortfalls").toString())
                .isEqualTo("[{action=emergency-override, required=1, missing=1, users=[], groups=[sre-oncall],"
                        + " givenBy=[], excluded=[Alice Liddell (authored this release), carol (started this"
                        + " release)], freeze={window=weekend, start=2026-10-23T18:00+02:00,"
                        + " end=2026-10-26T08:00+01:00, timeZone=Europe/Berlin}}, {action=approve, required=2,"
                        + " missing=1, users=[], groups=[release-leads], givenBy=[bob], excluded=[Alice Liddell"
                        + " (authored this release), carol (started this release)]}]");
        java.util.Map<String, Object> refused =
                ApprovalMaps.decision(ApprovalGate.decide(Optional.of(frozen), request(ApprovalHistory.empty()), now));
        assertThat(refused)
                .containsEntry("decision", "refused")
                .containsEntry("reason", "frozen")
                .containsEntry("until", "2026-10-26T07:00:00Z");
    }

    private AttemptResult attempt(ProtectionRule rule, Identity actor, ApprovalAction action, String comment) {
        AttemptResult result = ApprovalGate.judge(
                Optional.of(rule),
                request(ApprovalHistory.of(ledger, List.of())),
                new ApprovalAttempt(actor, action, comment),
                now);
        if (result.shouldRecord()) {
            ledger.add(result.event());
        }
        return result;
    }

    private Decision evaluate(ProtectionRule rule) {
        return ApprovalGate.decide(Optional.of(rule), request(ApprovalHistory.of(ledger, List.of())), now);
    }

    private ApprovalRequest request(ApprovalHistory history) {
        return ApprovalRequest.of(
                ReleasePlan.of(PRODUCTION, Optional.empty()),
                history,
                Participants.startedBy(Identity.of("carol"), ALICE_AUTHORED));
    }

    private void later(Duration duration) {
        now = now.plus(duration);
    }
}
