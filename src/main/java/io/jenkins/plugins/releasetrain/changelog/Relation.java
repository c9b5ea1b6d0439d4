package io.jenkins.plugins.releasetrain.changelog;

/** How the commit a release deploys stands to the one live in the environment. */
public enum Relation {
    /** The release adds commits and drops none: the usual step forward. */
    FORWARD,
    /** The release's commit is an ancestor of the live one: it rolls back the commits between them. */
    BEHIND,
    /** Each side has commits the other lacks (a fix made only downstream, a rebased branch). */
    DIVERGED,
    /** No common history: the repository was rewritten or force-pushed, or the commits are from two repositories. */
    UNRELATED,
    /** The same commit. */
    SAME
}
