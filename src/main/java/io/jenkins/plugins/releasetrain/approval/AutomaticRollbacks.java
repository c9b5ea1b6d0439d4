package io.jenkins.plugins.releasetrain.approval;

import io.jenkins.plugins.releasetrain.ledger.EnvironmentLedger;
import io.jenkins.plugins.releasetrain.ledger.ReleaseRun;
import io.jenkins.plugins.releasetrain.ledger.ReleaseStatus;
import io.jenkins.plugins.releasetrain.ledger.ReleaseVerified;
import io.jenkins.plugins.releasetrain.ledger.RunId;
import java.util.List;
import java.util.Optional;

/**
 * Whether the rule's own rollback after a failed verification ({@code onVerificationFailure: rollback}) is due
 * for a run: the rule asks for it, and the environment's latest run is that run, which succeeded, is no rollback
 * itself, and failed its verification. Only then may a rollback run without approval ({@link
 * RollbackRequest#automatic()}); the ledger and the rule say so, never the caller.
 */
public final class AutomaticRollbacks {

    private AutomaticRollbacks() {}

    /** Why {@code failedRun}'s environment cannot be rolled back by its rule now; empty when the rollback is due. */
    public static Optional<String> refusal(Optional<ProtectionRule> rule, EnvironmentLedger history, RunId failedRun) {
        return refusal(rule, history, failedRun, Optional.empty());
    }

    /**
     * As {@link #refusal(Optional, EnvironmentLedger, RunId)}, once the rollback itself may have started: when the
     * latest run is {@code rollbackRun} and has not finished, the run before it is the one that must have failed.
     */
    public static Optional<String> refusal(
            Optional<ProtectionRule> rule, EnvironmentLedger history, RunId failedRun, Optional<RunId> rollbackRun) {
        String environment = history.environment();
        if (rule.isEmpty()) {
            return Optional.of(
                    "no rule protects " + environment + ", so none rolls it back after a failed verification");
        }
        if (rule.get().rollback().onVerificationFailure() != RollbackRule.VerificationFailure.ROLLBACK) {
            return Optional.of("rule '" + rule.get().name() + "' does not roll " + environment
                    + " back after a failed verification (it stops there: onVerificationFailure: stop)");
        }
        List<ReleaseRun> runs = history.runs();
        int last = runs.size() - 1;
        if (last >= 0
                && rollbackRun.isPresent()
                && runs.get(last).runId().equals(rollbackRun.get())
                && !runs.get(last).isFinished()) {
            last--;
        }
        if (last < 0) {
            return Optional.of("the ledger has no run of " + environment);
        }
        ReleaseRun latest = runs.get(last);
        if (!latest.runId().equals(failedRun)) {
            return Optional.of("the latest run of " + environment + " is " + latest.runId() + ", not " + failedRun
                    + ": only the run whose verification failed is rolled back by the rule, and only while it is"
                    + " the latest");
        }
        if (latest.rollback().isPresent()) {
            return Optional.of("run " + failedRun + " is a rollback itself: when a rollback's verification fails,"
                    + " nothing further happens automatically");
        }
        if (latest.status().filter(s -> s == ReleaseStatus.SUCCEEDED).isEmpty()) {
            return Optional.of(
                    "run " + failedRun + " did not succeed in " + environment + ", so no verification of it failed");
        }
        Optional<ReleaseVerified> verified = history.verification(failedRun);
        if (verified.isEmpty()) {
            return Optional.of("no verification of run " + failedRun + " is recorded in " + environment);
        }
        if (verified.get().passed()) {
            return Optional.of("run " + failedRun + " passed its verification in " + environment);
        }
        return Optional.empty();
    }
}
