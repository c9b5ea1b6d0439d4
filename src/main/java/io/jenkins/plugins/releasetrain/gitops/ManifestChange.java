package io.jenkins.plugins.releasetrain.gitops;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One commit that changed a manifest's content.
 *
 * @param commit full SHA
 * @param path where the manifest was at that commit (differs from today's path before a rename)
 * @param author who wrote the change
 * @param committer who committed it (differs from the author after a rebase, cherry-pick or patch)
 * @param coAuthors people named in {@code Co-authored-by:} trailers
 * @param authoredAt the author's timestamp
 * @param summary the first line of the commit message
 */
public record ManifestChange(
        String commit,
        String path,
        Identity author,
        Identity committer,
        List<Identity> coAuthors,
        Instant authoredAt,
        String summary) {

    public ManifestChange {
        Objects.requireNonNull(commit, "commit");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(committer, "committer");
        coAuthors = List.copyOf(coAuthors);
        Objects.requireNonNull(authoredAt, "authoredAt");
        Objects.requireNonNull(summary, "summary");
    }

    /** Author, committer and co-authors, each once. */
    public Set<Identity> people() {
        Set<Identity> people = new LinkedHashSet<>();
        people.add(author);
        people.add(committer);
        people.addAll(coAuthors);
        return people;
    }

    public String shortCommit() {
        return commit.substring(0, 12);
    }
}
