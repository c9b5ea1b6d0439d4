package io.jenkins.plugins.releasetrain.approval;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.releasetrain.ledger.ArtifactStatus;
import io.jenkins.plugins.releasetrain.ledger.EnvironmentLedger;
import io.jenkins.plugins.releasetrain.ledger.EnvironmentLock;
import io.jenkins.plugins.releasetrain.ledger.Ledger;
import io.jenkins.plugins.releasetrain.ledger.RollbackOf;
import io.jenkins.plugins.releasetrain.ledger.RunId;
import io.jenkins.plugins.releasetrain.manifest.LoadedManifest;
import io.jenkins.plugins.releasetrain.manifest.ManifestLoader;
import io.jenkins.plugins.releasetrain.plan.PromotionRecords;
import io.jenkins.plugins.releasetrain.plan.ReleasePlan;
import io.jenkins.plugins.releasetrain.testing.Fixtures;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rule's own rollback after a failed verification: when it is due (the ledger and the rule say so), and what
 * the approval gate makes of it.
 */
class AutomaticRollbacksTest {

    private static final String ENVIRONMENT = "staging-us-east-2";
    private static final Instant T0 = Instant.parse("2026-10-21T10:00:00Z");
    private static final RunId FIRST = RunId.forBuild("promote-staging", 1);
    private static final RunId SECOND = RunId.forBuild("promote-staging", 2);
    private static final RunId ROLLBACK = RunId.forBuild("promote-staging", 2, "rollback");
    private static final ProtectionRule ROLLS_BACK = ProtectionRule.protecting("staging", "staging-*")
            .withApprovals(2, Approvers.groups("release-leads"))
            .withRollback(new RollbackRule(Optional.empty(), RollbackRule.VerificationFailure.ROLLBACK));
    private static final ProtectionRule STOPS =
            ProtectionRule.protecting("staging", "staging-*").withApprovals(2, Approvers.groups("release-leads"));

    private final LoadedManifest v1 = new ManifestLoader().load(Fixtures.example("staging-us-east-2.yaml"));
    private final LoadedManifest v2 = new ManifestLoader()
            .load(
                    "releases/staging-us-east-2.yaml",
                    Fixtures.replaceOnce(
                            Fixtures.exampleText("staging-us-east-2.yaml"),
                            "sourceTag: dev_123",
                            "sourceTag: dev_124"));

    @TempDir
    Path directory;

    private Ledger ledger;
    private int minutes;

    private EnvironmentLedger history() {
        return ledger.read(ENVIRONMENT);
    }

    /** A run of {@code manifest} that succeeded, then its verification (when {@code passed} is given). */
    private void run(RunId runId, LoadedManifest manifest, Optional<Boolean> passed, Map<String, String> details) {
        PromotionRecords records = new PromotionRecords(runId, manifest.release(), "carol");
        Instant at = T0.plusSeconds(60L * minutes++);
        try (EnvironmentLock lock = ledger.lock(ENVIRONMENT, runId, "carol")) {
            lock.append(records.started(manifest, ReleasePlan.of(manifest.release(), Optional.empty()), at, details));
            lock.append(records.finished(List.of(ArtifactStatus.SUCCEEDED), false, at.plusSeconds(10)));
            passed.ifPresent(p -> lock.append(
                    records.verified(p, p ? null : "checkout returned 502", 1, 1, at, at.plusSeconds(20), "")));
        }
    }

    private void firstThenSecond(Optional<Boolean> secondPassed) {
        firstThenSecond(directory, secondPassed);
    }

    private void firstThenSecond(Path in, Optional<Boolean> secondPassed) {
        try {
            java.nio.file.Files.createDirectories(in);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        ledger = Ledger.open(in);
        minutes = 0;
        run(FIRST, v1, Optional.of(true), Map.of());
        run(SECOND, v2, secondPassed, Map.of());
    }

    @Test
    void isDueWhenTheRuleAsksAndTheLatestRunFailedItsVerification() {
        firstThenSecond(Optional.of(false));

        assertThat(AutomaticRollbacks.refusal(Optional.of(ROLLS_BACK), history(), SECOND))
                .isEmpty();
    }

    @Test
    void isRefusedUnderARuleThatStopsOrWithoutARule() {
        firstThenSecond(Optional.of(false));

        assertThat(AutomaticRollbacks.refusal(Optional.of(STOPS), history(), SECOND))
                .hasValueSatisfying(why -> assertThat(why).contains("does not roll staging-us-east-2 back"));
        assertThat(AutomaticRollbacks.refusal(Optional.empty(), history(), SECOND))
                .hasValueSatisfying(why -> assertThat(why).contains("no rule protects"));
    }

    @Test
    void isRefusedAfterAVerificationThatPassedOrThatNobodyRecorded() {
        firstThenSecond(Optional.of(true));
        assertThat(AutomaticRollbacks.refusal(Optional.of(ROLLS_BACK), history(), SECOND))
                .hasValueSatisfying(why -> assertThat(why).contains("passed its verification"));

        firstThenSecond(directory.resolve("unverified"), Optional.empty());
        assertThat(AutomaticRollbacks.refusal(Optional.of(ROLLS_BACK), history(), SECOND))
                .hasValueSatisfying(why -> assertThat(why).contains("no verification of run promote-staging#2"));
    }

    @Test
    void isRefusedToAnyRunButTheLatest() {
        firstThenSecond(Optional.of(false));
        run(RunId.forBuild("other-job", 9), v1, Optional.of(true), Map.of());

        assertThat(AutomaticRollbacks.refusal(Optional.of(ROLLS_BACK), history(), SECOND))
                .hasValueSatisfying(
                        why -> assertThat(why).contains("the latest run of staging-us-east-2 is other-job#9"));
        assertThat(AutomaticRollbacks.refusal(Optional.of(ROLLS_BACK), history(), FIRST))
                .isPresent();
    }

    @Test
    void aRollbackWhoseVerificationFailedIsNotRolledBackInTurn() {
        ledger = Ledger.open(directory);
        run(FIRST, v1, Optional.of(true), Map.of());
        run(
                SECOND,
                v2,
                Optional.of(false),
                new RollbackOf(FIRST, Optional.empty(), Optional.empty(), RollbackOf.REQUESTED).details());

        assertThat(AutomaticRollbacks.refusal(Optional.of(ROLLS_BACK), history(), SECOND))
                .hasValueSatisfying(why -> assertThat(why).contains("is a rollback itself"));
    }

    @Test
    void staysDueWhileItsOwnRollbackRunIsUnderWayButNotOnceItFinished() {
        firstThenSecond(Optional.of(false));
        PromotionRecords records = new PromotionRecords(ROLLBACK, v1.release(), "carol");
        try (EnvironmentLock lock = ledger.lock(ENVIRONMENT, ROLLBACK, "carol")) {
            lock.append(records.started(v1, ReleasePlan.of(v1.release(), Optional.empty()), T0.plusSeconds(600)));
        }

        assertThat(AutomaticRollbacks.refusal(Optional.of(ROLLS_BACK), history(), SECOND, Optional.of(ROLLBACK)))
                .isEmpty();
        assertThat(AutomaticRollbacks.refusal(Optional.of(ROLLS_BACK), history(), SECOND))
                .as("reading it again once it started")
                .isPresent();

        try (EnvironmentLock lock = ledger.lock(ENVIRONMENT, ROLLBACK, "carol")) {
            lock.append(records.finished(List.of(ArtifactStatus.SUCCEEDED), false, T0.plusSeconds(610)));
        }
        assertThat(AutomaticRollbacks.refusal(Optional.of(ROLLS_BACK), history(), SECOND, Optional.of(ROLLBACK)))
                .isPresent();
    }

    @Test
    void theGateLetsTheRulesOwnRollbackThroughWithoutApprovalByRule() {
        ApprovalRequest request = ApprovalRequest.of(
                        ReleasePlan.of(v1.release(), Optional.empty()),
                        ApprovalHistory.empty(),
                        Participants.startedBy(Identity.of("carol")))
                .asRollback(new RollbackRequest(FIRST.value(), T0, true));

        Decision decision = ApprovalGate.decide(Optional.of(ROLLS_BACK), request, T0.plusSeconds(3600));

        assertThat(decision).isInstanceOfSatisfying(Decision.Allowed.class, allowed -> {
            assertThat(allowed.grounds()).isEqualTo(Decision.Grounds.ROLLED_BACK_BY_RULE);
            assertThat(allowed.rule()).contains("staging");
            assertThat(allowed.message()).contains("without approval").contains("rolls back to run promote-staging#1");
        });
        assertThat(LedgerApprovals.grounds(decision, Optional.of(ROLLS_BACK)))
                .containsEntry(LedgerApprovals.GROUNDS_RULE, "staging");
        assertThat(ApprovalMaps.decision(decision)).containsEntry("grounds", "rolled-back-by-rule");
    }

    @Test
    void underARuleThatStopsAnAutomaticRollbackNeedsApprovalsAsAnyRollback() {
        ApprovalRequest request = ApprovalRequest.of(
                        ReleasePlan.of(v1.release(), Optional.empty()),
                        ApprovalHistory.empty(),
                        Participants.startedBy(Identity.of("carol")))
                .asRollback(new RollbackRequest(FIRST.value(), T0, true));

        assertThat(ApprovalGate.decide(Optional.of(STOPS), request, T0.plusSeconds(3600)))
                .isInstanceOf(Decision.NeedsApprovals.class);
        assertThat(ApprovalGate.decide(
                        Optional.of(ROLLS_BACK),
                        request.asRollback(new RollbackRequest(FIRST.value(), T0)),
                        T0.plusSeconds(3600)))
                .as("a rollback someone asked for")
                .isInstanceOf(Decision.NeedsApprovals.class);
    }
}
