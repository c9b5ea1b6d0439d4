package io.jenkins.plugins.releasetrain.gitops;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How a promotion is committed.
 *
 * @param branch the branch to commit to; default {@code release-train/<to>-<release id>}
 * @param author author and committer; default git's {@code user.name} and {@code user.email}
 * @param approvedBy approvers, one {@code Approved-by:} trailer each
 * @param protection branches refused unless {@code allowProtected}
 * @param changes what the promotion contains, as plain text for the message body (its changelog); empty for none
 */
public record CommitOptions(
        Optional<String> branch,
        Optional<Identity> author,
        List<String> approvedBy,
        BranchProtection protection,
        boolean allowProtected,
        String changes) {

    public CommitOptions(
            Optional<String> branch,
            Optional<Identity> author,
            List<String> approvedBy,
            BranchProtection protection,
            boolean allowProtected) {
        this(branch, author, approvedBy, protection, allowProtected, "");
    }

    public CommitOptions {
        Objects.requireNonNull(branch, "branch");
        Objects.requireNonNull(author, "author");
        approvedBy = List.copyOf(approvedBy);
        Objects.requireNonNull(protection, "protection");
        Objects.requireNonNull(changes, "changes");
    }

    /** A review branch named for the release, git's configured identity, default protection. */
    public static CommitOptions defaults() {
        return new CommitOptions(Optional.empty(), Optional.empty(), List.of(), BranchProtection.defaults(), false);
    }

    public CommitOptions onBranch(String name) {
        return new CommitOptions(Optional.of(name), author, approvedBy, protection, allowProtected, changes);
    }

    public CommitOptions by(Identity identity) {
        return new CommitOptions(branch, Optional.of(identity), approvedBy, protection, allowProtected, changes);
    }

    public CommitOptions approvedBy(List<String> approvers) {
        return new CommitOptions(branch, author, approvers, protection, allowProtected, changes);
    }

    public CommitOptions protectedBy(BranchProtection rules) {
        return new CommitOptions(branch, author, approvedBy, rules, allowProtected, changes);
    }

    public CommitOptions allowingProtected(boolean allow) {
        return new CommitOptions(branch, author, approvedBy, protection, allow, changes);
    }

    public CommitOptions withChanges(String text) {
        return new CommitOptions(branch, author, approvedBy, protection, allowProtected, text);
    }
}
