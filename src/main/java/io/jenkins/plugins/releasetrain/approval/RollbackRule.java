package io.jenkins.plugins.releasetrain.approval;

import java.util.Objects;
import java.util.Optional;

/**
 * What a rule says about rolling back: how many approvals a rollback needs (the rule's own count when it says
 * nothing), and what a failed verification does to the release that failed it.
 *
 * <p>A rollback goes back to content that already ran in the environment, so the rule's promotion order does not
 * apply to it; its freeze windows do, as for any release (only the emergency override lifts them).
 *
 * @param requiredApprovals distinct eligible approvals a rollback needs; empty means the rule's {@code
 *     requiredApprovals}
 * @param onVerificationFailure what happens after a release's verification fails
 */
public record RollbackRule(Optional<Integer> requiredApprovals, VerificationFailure onVerificationFailure) {

    /** Rollbacks need the rule's approvals, and a failed verification stops there: a rule that says nothing. */
    public static final RollbackRule DEFAULT = new RollbackRule(Optional.empty(), VerificationFailure.STOP);

    public RollbackRule {
        Objects.requireNonNull(requiredApprovals, "requiredApprovals");
        Objects.requireNonNull(onVerificationFailure, "onVerificationFailure");
        requiredApprovals.ifPresent(n -> {
            if (n < 0) {
                throw new RuleViolation(
                        "rollback.requiredApprovals",
                        "rollback.requiredApprovals cannot be negative (" + n + ")",
                        "use 0 to let rollbacks run without approvals, or the number of people who must approve");
            }
        });
    }

    /** The approvals a rollback needs under {@code rule}. */
    int requiredApprovals(ProtectionRule rule) {
        return requiredApprovals.orElse(rule.requiredApprovals());
    }

    /** What a failed verification leads to. */
    public enum VerificationFailure {
        /** The release stays as it is, marked as failing verification; people decide what to do. */
        STOP("stop"),
        /** The environment is rolled back at once to the release that was live before. */
        ROLLBACK("rollback");

        private final String label;

        VerificationFailure(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        /** The value named {@code label} ({@code stop}, {@code rollback}), if any. */
        public static Optional<VerificationFailure> of(String label) {
            for (VerificationFailure value : values()) {
                if (value.label.equals(label)) {
                    return Optional.of(value);
                }
            }
            return Optional.empty();
        }
    }
}
