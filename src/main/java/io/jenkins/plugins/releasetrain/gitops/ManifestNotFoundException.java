package io.jenkins.plugins.releasetrain.gitops;

/** The revision exists but has no file at the manifest's path (never created, deleted, or renamed). */
public final class ManifestNotFoundException extends GitOpsException {

    private static final long serialVersionUID = 1L;

    private final String path;
    private final String commit;

    public ManifestNotFoundException(String path, String commit, String message, String hint) {
        super(message, hint);
        this.path = path;
        this.commit = commit;
    }

    public String path() {
        return path;
    }

    /** The full SHA of the commit that lacks the file. */
    public String commit() {
        return commit;
    }
}
