package io.jenkins.plugins.releasetrain.changelog;

import io.jenkins.plugins.releasetrain.manifest.PrintableText;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevSort;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.revwalk.filter.RevFilter;

/**
 * Walks the history between the live commit and a release's commit in one repository, as {@code git log
 * live..release} and {@code git log release..live} would, newest first, listing at most {@code limit} commits
 * per side and counting at most {@code countBound}: a range across a rewritten history of millions of
 * commits still ends promptly.
 */
final class CommitWalk {

    /** The two sides of a range and how they stand. */
    record Range(Relation relation, CommitList added, CommitList dropped) {}

    private static final int SUBJECT_CHARS = 200;
    private static final int AUTHOR_CHARS = 100;

    private final Repository repository;
    private final CommitReferences references;
    private final int limit;
    private final int countBound;

    CommitWalk(Repository repository, CommitReferences references, int limit, int countBound) {
        this.repository = repository;
        this.references = references;
        this.limit = limit;
        this.countBound = countBound;
    }

    Range between(ObjectId live, ObjectId release) throws IOException {
        if (live.equals(release)) {
            return new Range(Relation.SAME, CommitList.EMPTY, CommitList.EMPTY);
        }
        if (!related(live, release)) {
            return new Range(Relation.UNRELATED, CommitList.EMPTY, CommitList.EMPTY);
        }
        CommitList added = side(release, live);
        CommitList dropped = side(live, release);
        Relation relation =
                dropped.isEmpty() ? Relation.FORWARD : added.isEmpty() ? Relation.BEHIND : Relation.DIVERGED;
        return new Range(relation, added, dropped);
    }

    private boolean related(ObjectId a, ObjectId b) throws IOException {
        try (RevWalk walk = new RevWalk(repository)) {
            walk.setRevFilter(RevFilter.MERGE_BASE);
            walk.markStart(walk.parseCommit(a));
            walk.markStart(walk.parseCommit(b));
            return walk.next() != null;
        }
    }

    /** Commits reachable from {@code tip} and not from {@code base}. */
    private CommitList side(ObjectId tip, ObjectId base) throws IOException {
        try (RevWalk walk = new RevWalk(repository)) {
            walk.sort(RevSort.COMMIT_TIME_DESC);
            walk.markStart(walk.parseCommit(tip));
            walk.markUninteresting(walk.parseCommit(base));
            List<Commit> listed = new ArrayList<>();
            int total = 0;
            for (RevCommit commit = walk.next(); commit != null; commit = walk.next()) {
                if (total == countBound) {
                    return new CommitList(listed, total, true);
                }
                total++;
                if (listed.size() < limit) {
                    listed.add(commit(commit));
                }
            }
            return new CommitList(listed, total, false);
        }
    }

    private Commit commit(RevCommit commit) {
        String message = commit.getFullMessage();
        PersonIdent author = commit.getAuthorIdent();
        return new Commit(
                commit.name(),
                PrintableText.of(commit.getShortMessage(), SUBJECT_CHARS),
                PrintableText.of(author.getName(), AUTHOR_CHARS),
                author.getWhenAsInstant(),
                references.pullRequest(message),
                references.issueKeys(message));
    }
}
