package io.jenkins.plugins.releasetrain.gitops;

/** The remote refused the promotion commit, even after one rebase onto what it had. */
public final class PushRejectedException extends GitOpsException {

    private static final long serialVersionUID = 1L;

    public PushRejectedException(String message, String hint) {
        super(message, hint);
    }
}
