package io.jenkins.plugins.releasetrain.gitops;

import java.util.Objects;
import java.util.Optional;

/**
 * A promotion on the remote's branch.
 *
 * @param remote where it went, credentials masked
 * @param commit the SHA the branch now has: the committed one, or its rebase
 * @param rebasedOnto the remote commit it was rebased onto after a first rejection, if it was
 * @param alreadyThere the remote branch already had exactly this change; nothing was pushed
 */
public record PushedPromotion(
        String remote, String branch, String commit, Optional<String> rebasedOnto, boolean alreadyThere) {

    public PushedPromotion {
        Objects.requireNonNull(remote, "remote");
        Objects.requireNonNull(branch, "branch");
        Objects.requireNonNull(commit, "commit");
        Objects.requireNonNull(rebasedOnto, "rebasedOnto");
    }
}
