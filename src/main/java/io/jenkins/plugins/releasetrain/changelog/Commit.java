package io.jenkins.plugins.releasetrain.changelog;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * One commit of a changelog.
 *
 * @param sha         the full commit SHA
 * @param subject     the first line of its message
 * @param author      the author's name
 * @param date        when it was authored
 * @param pullRequest the pull or merge request it came from, when its message says
 * @param issueKeys   issue keys its message names ({@code PAY-123}), in order of appearance, each once
 */
public record Commit(
        String sha, String subject, String author, Instant date, OptionalInt pullRequest, List<String> issueKeys) {

    public Commit {
        Objects.requireNonNull(sha, "sha");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(pullRequest, "pullRequest");
        issueKeys = List.copyOf(issueKeys);
    }

    /** The 12-digit abbreviation used everywhere a commit is shown. */
    public String shortSha() {
        return sha.length() > 12 ? sha.substring(0, 12) : sha;
    }
}
