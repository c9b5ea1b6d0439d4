package io.jenkins.plugins.releasetrain.ledger;

import io.jenkins.plugins.releasetrain.manifest.ReleaseId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A release that people have approved or rejected for an environment since its latest run began, and that
 * has not run since: it waits for approvals (or was rejected), whoever asked, the command line or Jenkins.
 * Unlike a {@link PendingRelease}, no run of it has started.
 *
 * @param approvals every approval event for its content here, oldest first
 */
public record DecisionAsked(
        ReleaseId releaseId, List<ApprovalRecorded> approvals, Optional<ApprovalRequested> request) {

    public DecisionAsked {
        Objects.requireNonNull(releaseId, "releaseId");
        approvals = List.copyOf(approvals);
        Objects.requireNonNull(request, "request");
    }

    /** Who approved it so far, each once, in the order they did. */
    public List<String> approvedBy() {
        return approvals.stream()
                .filter(a -> a.decision() == ApprovalDecision.APPROVED)
                .map(ApprovalRecorded::actor)
                .distinct()
                .toList();
    }

    /** The rejection that stops it, if any: a rejection stands until the content changes. */
    public Optional<ApprovalRecorded> rejection() {
        return approvals.stream()
                .filter(a -> a.decision() == ApprovalDecision.REJECTED)
                .reduce((first, second) -> second);
    }
}
