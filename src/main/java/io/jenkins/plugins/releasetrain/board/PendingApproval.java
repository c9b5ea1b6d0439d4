package io.jenkins.plugins.releasetrain.board;

import java.util.List;
import java.util.Objects;

/**
 * A release waiting for approvals before it may run in an environment.
 *
 * @param stillNeeded how many more distinct approvers the environment's rule asks for, or null when the
 *     source does not know the rule (the ledger records approvals, the approval rules count them)
 * @param url where to approve (the Jenkins input page), or null
 * @param rejection who rejected it, when and why, when it was rejected (then it no longer waits: it cannot run
 *     until its manifest changes); null while it waits
 */
public record PendingApproval(
        String releaseId, List<String> approvedBy, Integer stillNeeded, String url, String rejection) {

    public PendingApproval(String releaseId, List<String> approvedBy, Integer stillNeeded, String url) {
        this(releaseId, approvedBy, stillNeeded, url, null);
    }

    /** Whether it still waits for approvals (it was not rejected). */
    public boolean waiting() {
        return rejection == null;
    }

    public PendingApproval {
        Objects.requireNonNull(releaseId, "releaseId");
        approvedBy = List.copyOf(approvedBy);
        if (stillNeeded != null && stillNeeded < 0) {
            throw new IllegalArgumentException("stillNeeded must not be negative: " + stillNeeded);
        }
    }
}
