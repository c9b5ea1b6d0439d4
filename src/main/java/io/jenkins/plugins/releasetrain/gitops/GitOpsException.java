package io.jenkins.plugins.releasetrain.gitops;

/**
 * Something about a repository that stops the work, said so a person can act on it: the message names
 * what failed (with credentials already redacted), the hint what to do.
 */
public abstract class GitOpsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String hint;

    protected GitOpsException(String message, String hint, Throwable cause) {
        super(message, cause);
        this.hint = hint;
    }

    protected GitOpsException(String message, String hint) {
        this(message, hint, null);
    }

    /** What to do about it, or {@code null} when the message says it all. */
    public String hint() {
        return hint;
    }

    /** The message, then the hint on its own line, as the CLI prints it. */
    public String describe() {
        return hint == null ? getMessage() : getMessage() + System.lineSeparator() + "  hint: " + hint;
    }
}
