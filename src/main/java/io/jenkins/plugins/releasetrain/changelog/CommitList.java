package io.jenkins.plugins.releasetrain.changelog;

import java.util.List;

/**
 * Commits on one side of a range, newest first: the first {@code shown}, and how many there are in all.
 *
 * @param commits    the commits listed, at most the configured limit
 * @param total      how many commits the side has, counted up to {@code atLeast ? total : exactly}
 * @param atLeast    true when counting stopped at its bound, so {@code total} is a lower bound
 */
public record CommitList(List<Commit> commits, int total, boolean atLeast) {

    public static final CommitList EMPTY = new CommitList(List.of(), 0, false);

    public CommitList {
        commits = List.copyOf(commits);
        if (total < commits.size()) {
            throw new IllegalArgumentException("total " + total + " < " + commits.size() + " commits listed");
        }
    }

    /** Commits counted but not listed. */
    public int more() {
        return total - commits.size();
    }

    public boolean isEmpty() {
        return total == 0;
    }

    /** "1 commit", "4 commits", "more than 10000 commits". */
    public String count() {
        return (atLeast ? "more than " : "") + total + (total == 1 && !atLeast ? " commit" : " commits");
    }
}
