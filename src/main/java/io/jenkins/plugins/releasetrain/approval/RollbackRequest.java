package io.jenkins.plugins.releasetrain.approval;

import java.time.Instant;
import java.util.Objects;

/**
 * What makes a request a rollback: the run whose content it goes back to, and the moment before which approvals of
 * that content do not count. Those were given for the content's earlier run here and were spent on it; going back
 * needs approvals of its own, given after the release being rolled back started.
 *
 * @param targetRun the run (here, succeeded) whose content the rollback restores
 * @param approvalsAfter only approvals and rejections of the content dated after this count
 */
public record RollbackRequest(String targetRun, Instant approvalsAfter) {

    public RollbackRequest {
        Objects.requireNonNull(targetRun, "targetRun");
        Objects.requireNonNull(approvalsAfter, "approvalsAfter");
    }
}
