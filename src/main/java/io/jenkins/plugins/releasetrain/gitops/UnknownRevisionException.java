package io.jenkins.plugins.releasetrain.gitops;

/** A branch, tag or commit that the repository does not have, or an abbreviated SHA that is ambiguous. */
public final class UnknownRevisionException extends GitOpsException {

    private static final long serialVersionUID = 1L;

    private final String revision;

    public UnknownRevisionException(String revision, String message, String hint) {
        super(message, hint);
        this.revision = revision;
    }

    public String revision() {
        return revision;
    }
}
