package io.jenkins.plugins.releasetrain.board;

import java.util.List;
import java.util.Objects;

/**
 * A release waiting for approvals before it may run in an environment.
 *
 * @param stillNeeded how many more distinct approvers the environment's rule asks for, or null when the
 *     source does not know the rule (the ledger records approvals, the approval rules count them)
 * @param url where to approve (the Jenkins input page), or null
 */
public record PendingApproval(String releaseId, List<String> approvedBy, Integer stillNeeded, String url) {

    public PendingApproval {
        Objects.requireNonNull(releaseId, "releaseId");
        approvedBy = List.copyOf(approvedBy);
        if (stillNeeded != null && stillNeeded < 0) {
            throw new IllegalArgumentException("stillNeeded must not be negative: " + stillNeeded);
        }
    }
}
