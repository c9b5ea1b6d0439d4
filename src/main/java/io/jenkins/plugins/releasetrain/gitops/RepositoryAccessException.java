package io.jenkins.plugins.releasetrain.gitops;

/** The repository cannot be opened, fetched from or pushed to (missing, unreachable, refused credentials). */
public final class RepositoryAccessException extends GitOpsException {

    private static final long serialVersionUID = 1L;

    public RepositoryAccessException(String message, String hint, Throwable cause) {
        super(message, hint, cause);
    }

    public RepositoryAccessException(String message, String hint) {
        super(message, hint);
    }
}
