package io.jenkins.plugins.releasetrain.approval;

/**
 * A protection rule that cannot work as written, such as a quorum larger than the people who may approve.
 * Thrown by the rule records themselves so that every source of rules (a policy file, the Jenkins global
 * configuration) gets the same checks and the same message; {@code field} lets a file loader point at the
 * line to change.
 */
public class RuleViolation extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String field;
    private final String hint;

    public RuleViolation(String field, String message, String hint) {
        super(message);
        this.field = field;
        this.hint = hint;
    }

    /** The field of the rule at fault, as written in a policy file ({@code requiredApprovals}). */
    public String field() {
        return field;
    }

    /** What to do about it, or {@code null}. */
    public String hint() {
        return hint;
    }
}
