package io.jenkins.plugins.releasetrain.approval;

import java.util.Objects;

/**
 * Who may lift a freeze for one release, and how many of them must agree. An override lifts the freeze
 * only: the release still needs its ordinary approvals.
 */
public record EmergencyOverride(Approvers approvers, int requiredApprovals) {

    public EmergencyOverride {
        Objects.requireNonNull(approvers, "approvers");
        if (requiredApprovals < 1) {
            throw new RuleViolation(
                    "emergencyOverride.requiredApprovals",
                    "an emergency override needs at least 1 approval, not " + requiredApprovals,
                    "set requiredApprovals to 1 or more, or remove emergencyOverride to allow no override");
        }
        if (approvers.isEmpty()) {
            throw new RuleViolation(
                    "emergencyOverride.approvers",
                    "an emergency override names nobody who may grant it",
                    "list users or groups under emergencyOverride.approvers, e.g. groups: [sre-oncall]");
        }
        Quorum.requirePossible("emergencyOverride.requiredApprovals", approvers, requiredApprovals);
    }
}
