package io.jenkins.plugins.releasetrain.approval;

import java.util.Objects;

/**
 * How an urgent fix may reach a protected environment without the promotion order: who approves a hotfix, and how
 * many of them. A release marked as a hotfix is decided with these approvers and this quorum, and no
 * {@code requires}; freeze windows still apply (the emergency override lifts them, as for any release).
 */
public record HotfixLane(Approvers approvers, int requiredApprovals) {

    public HotfixLane {
        Objects.requireNonNull(approvers, "approvers");
        if (requiredApprovals < 1) {
            throw new RuleViolation(
                    "hotfix.requiredApprovals",
                    "a hotfix needs at least 1 approval, not " + requiredApprovals,
                    "a hotfix skips the promotion order, so someone must approve it; set requiredApprovals to 1 or"
                            + " more");
        }
        if (approvers.isEmpty()) {
            throw new RuleViolation(
                    "hotfix.approvers",
                    "the hotfix lane names nobody who may approve a hotfix",
                    "list users or groups under hotfix.approvers, e.g. groups: [sre-oncall]");
        }
        Quorum.requirePossible("hotfix.requiredApprovals", approvers, requiredApprovals);
    }
}
