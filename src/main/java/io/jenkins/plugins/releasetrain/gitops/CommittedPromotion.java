package io.jenkins.plugins.releasetrain.gitops;

import java.util.Objects;

/**
 * A promotion written as a commit in the repository (a local one) or in its cache (a remote one), not
 * yet pushed.
 *
 * @param branch the branch it is for
 * @param commit its full SHA
 * @param localRef the ref that holds it here: {@code refs/heads/<branch>} in a local repository, a ref of
 *     its own in a remote's cache
 */
public record CommittedPromotion(
        PreparedPromotion prepared, String branch, String commit, String message, String localRef) {

    public CommittedPromotion {
        Objects.requireNonNull(prepared, "prepared");
        Objects.requireNonNull(branch, "branch");
        Objects.requireNonNull(commit, "commit");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(localRef, "localRef");
    }

    public String shortCommit() {
        return commit.substring(0, 12);
    }
}
