package io.jenkins.plugins.releasetrain.changelog;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A changelog as plain text: one line per artifact for an approval prompt, or every listed commit for a page
 * or a commit message. Texts from commits are already free of control characters ({@link Commit}).
 */
public final class ChangelogSummary {

    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
    private static final int REFERENCES_SHOWN = 6;

    private ChangelogSummary() {}

    /** "product1/deploy/portal: 4 commits (#123, PORTAL-12)", one line per artifact. */
    public static List<String> lines(ReleaseChangelog changelog) {
        List<String> lines = new ArrayList<>();
        for (ArtifactChangelog entry : changelog.artifacts()) {
            Set<String> references = new LinkedHashSet<>();
            for (Commit commit : entry.added().commits()) {
                commit.pullRequest().ifPresent(n -> references.add("#" + n));
                references.addAll(commit.issueKeys());
            }
            String shown = String.join(
                            ", ", references.stream().limit(REFERENCES_SHOWN).toList())
                    + (references.size() > REFERENCES_SHOWN ? ", …" : "");
            lines.add(entry.artifactId() + ": " + entry.summary() + (shown.isEmpty() ? "" : " (" + shown + ")"));
        }
        return lines;
    }

    /** Every artifact with its commits, as {@code plan --changes} prints them, without colour. */
    public static String full(ReleaseChangelog changelog) {
        StringBuilder text = new StringBuilder("Changes\n");
        if (changelog.artifacts().isEmpty()) {
            return text.append("  nothing changes\n").toString();
        }
        for (ArtifactChangelog entry : changelog.artifacts()) {
            String range = entry.from().map(f -> shortSha(f) + " -> ").orElse("")
                    + entry.to().map(ChangelogSummary::shortSha).orElse("");
            text.append("  ")
                    .append(entry.artifactId())
                    .append(range.isEmpty() ? "" : "  " + range)
                    .append("  ")
                    .append(entry.summary())
                    .append('\n');
            entry.image()
                    .ifPresent(image -> text.append("    image ")
                            .append(image.digest())
                            .append(image.revision()
                                    .map(r -> " built from " + shortSha(r))
                                    .orElse(""))
                            .append(image.source().map(s -> " (" + s + ")").orElse(""))
                            .append('\n'));
            entry.repository()
                    .filter(r -> entry.relation().isPresent())
                    .ifPresent(r -> text.append("    in ").append(r).append('\n'));
            commits(text, entry.added(), "");
            if (!entry.dropped().isEmpty()) {
                text.append("    taken away (live now, not in this release):\n");
                commits(text, entry.dropped(), "  ");
            }
        }
        return text.toString();
    }

    /** Each listed commit as one line: short SHA, day, author, subject, and its pull request and issue keys. */
    public static List<String> commitLines(CommitList commits) {
        return commits.commits().stream().map(ChangelogSummary::line).toList();
    }

    private static String line(Commit commit) {
        String refs =
                (commit.pullRequest().isPresent() ? " #" + commit.pullRequest().getAsInt() : "")
                        + (commit.issueKeys().isEmpty() ? "" : " " + String.join(" ", commit.issueKeys()));
        return commit.shortSha() + "  " + DAY.format(commit.date()) + "  " + commit.author() + "  " + commit.subject()
                + (refs.isEmpty() ? "" : "  [" + refs.strip() + "]");
    }

    private static void commits(StringBuilder text, CommitList commits, String indent) {
        for (Commit commit : commits.commits()) {
            text.append("    ").append(indent).append(line(commit)).append('\n');
        }
        if (commits.more() > 0) {
            text.append("    ")
                    .append(indent)
                    .append("and ")
                    .append(commits.atLeast() ? "more than " : "")
                    .append(commits.more())
                    .append(" more\n");
        }
    }

    static String shortSha(String sha) {
        return sha.length() > 12 && !sha.contains(":") ? sha.substring(0, 12) : sha;
    }
}
