package io.jenkins.plugins.releasetrain.gitops;

/** A promotion asked to write to a branch that only reviewed changes may reach. */
public final class ProtectedBranchException extends GitOpsException {

    private static final long serialVersionUID = 1L;

    private final String branch;

    public ProtectedBranchException(String branch, String pattern) {
        super(
                "refusing to commit to the protected branch '" + branch + "' (it matches '" + pattern + "')",
                "promotions go to a review branch: leave out --branch (one is named for the release) or"
                        + " give another name; pass --allow-protected only where pushing straight to '" + branch
                        + "' is the agreed flow");
        this.branch = branch;
    }

    public String branch() {
        return branch;
    }
}
