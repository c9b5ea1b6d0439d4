package io.jenkins.plugins.releasetrain.ledger;

import java.util.Locale;

/** What an approver decided about a release in an environment. */
public enum ApprovalDecision {
    APPROVED,
    REJECTED,
    /** An administrator released without the required approvals (an emergency); always worth an audit. */
    BYPASSED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ApprovalDecision fromLabel(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}
