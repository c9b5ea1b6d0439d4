package io.jenkins.plugins.releasetrain.approval;

import java.time.Instant;
import java.util.Objects;

/**
 * What makes a request a rollback: the run whose content it goes back to, and the moment before which approvals of
 * that content do not count. Those were given for the content's earlier run here and were spent on it; going back
 * needs approvals of its own, given after the release being rolled back started.
 *
 * <p>An automatic rollback is the one a rule makes itself after a failed verification ({@code
 * onVerificationFailure: rollback}): the caller has checked that the environment's latest run failed its
 * verification ({@link AutomaticRollbacks}). Under a rule that asks for it, it needs no approval; under any other
 * rule it is an ordinary rollback.
 *
 * @param targetRun the run (here, succeeded) whose content the rollback restores
 * @param approvalsAfter only approvals and rejections of the content dated after this count
 * @param automatic whether it is the rule's own rollback after the latest run's failed verification
 */
public record RollbackRequest(String targetRun, Instant approvalsAfter, boolean automatic) {

    /** A rollback someone asked for. */
    public RollbackRequest(String targetRun, Instant approvalsAfter) {
        this(targetRun, approvalsAfter, false);
    }

    public RollbackRequest {
        Objects.requireNonNull(targetRun, "targetRun");
        Objects.requireNonNull(approvalsAfter, "approvalsAfter");
    }
}
