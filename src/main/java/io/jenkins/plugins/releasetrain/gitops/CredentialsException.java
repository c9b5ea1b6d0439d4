package io.jenkins.plugins.releasetrain.gitops;

/** A credentials reference that does not lead to a secret: an unset variable, a missing or unmatched file. */
public final class CredentialsException extends GitOpsException {

    private static final long serialVersionUID = 1L;

    public CredentialsException(String message, String hint) {
        super(message, hint);
    }
}
