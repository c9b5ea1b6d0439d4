package io.jenkins.plugins.releasetrain.ledger;

import io.jenkins.plugins.releasetrain.manifest.ReleaseId;
import java.util.List;
import java.util.Objects;

/**
 * A release whose latest run started but has neither a result nor an end yet: it waits for approval, or is
 * about to run. {@code approvals} are every approval recorded for its content in the environment, oldest
 * first; whether they suffice is for the approval rules to say.
 */
public record PendingRelease(ReleaseStarted started, List<ApprovalRecorded> approvals) {

    public PendingRelease {
        Objects.requireNonNull(started, "started");
        approvals = List.copyOf(approvals);
    }

    public ReleaseId releaseId() {
        return started.releaseId();
    }
}
