package io.jenkins.plugins.releasetrain.changelog;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * A changelog as Markdown, for pull-request comments, check summaries and promotion commit messages. Commit
 * subjects and names come from outside: Markdown's special characters in them are escaped, so a subject cannot
 * add links, images or HTML to the page it is shown on.
 */
public final class ChangelogMarkdown {

    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    private ChangelogMarkdown() {}

    public static String of(ReleaseChangelog changelog) {
        if (changelog.artifacts().isEmpty()) {
            return "Nothing changes.\n";
        }
        List<String> lines = new ArrayList<>();
        for (ArtifactChangelog entry : changelog.artifacts()) {
            lines.addAll(artifact(entry));
        }
        return String.join("\n", lines) + "\n";
    }

    static List<String> artifact(ArtifactChangelog entry) {
        List<String> lines = new ArrayList<>();
        lines.add("#### " + escape(entry.artifactId()) + ": " + escape(entry.summary()));
        String range = entry.from().map(f -> code(f) + " → ").orElse("")
                + entry.to().map(ChangelogMarkdown::code).orElse("");
        String where = entry.repository().map(r -> " in " + escape(r)).orElse("");
        String image = entry.image()
                .map(i -> "image " + code(i.digest())
                        + i.revision().map(r -> " built from " + code(r)).orElse(""))
                .orElse("");
        String about = String.join("; ", nonEmpty(range.isEmpty() ? "" : range + where, image));
        if (!about.isEmpty()) {
            lines.add("");
            lines.add(about);
        }
        if (!entry.added().isEmpty() || !entry.dropped().isEmpty()) {
            lines.add("");
            list(lines, "", entry.added());
            list(lines, "Drops: ", entry.dropped());
        }
        lines.add("");
        return lines;
    }

    private static void list(List<String> lines, String prefix, CommitList commits) {
        for (Commit commit : commits.commits()) {
            StringBuilder line = new StringBuilder("- ")
                    .append(prefix)
                    .append(code(commit.shortSha()))
                    .append(' ')
                    .append(escape(commit.subject()))
                    .append(" (")
                    .append(escape(commit.author()))
                    .append(", ")
                    .append(DAY.format(commit.date()))
                    .append(')');
            if (!commit.issueKeys().isEmpty()) {
                line.append(" · ").append(escape(String.join(", ", commit.issueKeys())));
            }
            lines.add(line.toString());
        }
        if (commits.more() > 0) {
            lines.add("- " + prefix + "and " + (commits.atLeast() ? "more than " : "") + commits.more() + " more");
        }
    }

    private static List<String> nonEmpty(String... parts) {
        return java.util.Arrays.stream(parts).filter(p -> !p.isEmpty()).toList();
    }

    /** A SHA or digest in backticks; these never hold a backtick themselves, so nothing can break out. */
    private static String code(String text) {
        return "`" + text.replace("`", "") + "`";
    }

    /** Backslash-escapes every character Markdown gives a meaning to, and keeps HTML tags from forming. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (char c : text.toCharArray()) {
            if ("\\`*_{}[]()#+-.!|<>~&".indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }
}
