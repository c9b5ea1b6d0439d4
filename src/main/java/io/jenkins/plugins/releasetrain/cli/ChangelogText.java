package io.jenkins.plugins.releasetrain.cli;

import io.jenkins.plugins.releasetrain.changelog.ArtifactChangelog;
import io.jenkins.plugins.releasetrain.changelog.Commit;
import io.jenkins.plugins.releasetrain.changelog.CommitList;
import io.jenkins.plugins.releasetrain.changelog.ReleaseChangelog;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The "Changes" section {@code plan --changes} prints under the plan's tables. */
final class ChangelogText {

    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    private ChangelogText() {}

    /** The same section without colour, for a commit message body. */
    static String plain(ReleaseChangelog changelog) {
        StringWriter text = new StringWriter();
        PrintWriter writer = new PrintWriter(text);
        print(new Terminal(writer, writer, false), changelog);
        writer.flush();
        return text.toString().strip() + "\n";
    }

    static void print(Terminal terminal, ReleaseChangelog changelog) {
        terminal.out().println();
        terminal.out().println(terminal.bold("Changes"));
        if (changelog.artifacts().isEmpty()) {
            terminal.out().println("  nothing changes");
            return;
        }
        for (ArtifactChangelog entry : changelog.artifacts()) {
            String range = entry.from().map(f -> shortSha(f) + " -> ").orElse("")
                    + entry.to().map(ChangelogText::shortSha).orElse("");
            String summary = entry.relation().isPresent() ? entry.summary() : terminal.yellow(entry.summary());
            terminal.out()
                    .println("  " + terminal.bold(entry.artifactId()) + (range.isEmpty() ? "" : "  " + range) + "  "
                            + summary);
            entry.image()
                    .ifPresent(image -> terminal.out()
                            .println("    image " + image.digest()
                                    + image.revision()
                                            .map(r -> " built from " + shortSha(r))
                                            .orElse("")
                                    + image.source().map(s -> " (" + s + ")").orElse("")));
            entry.repository()
                    .filter(r -> entry.relation().isPresent())
                    .ifPresent(r -> terminal.out().println(terminal.dim("    in " + r)));
            list(terminal, entry.added(), "");
            if (!entry.dropped().isEmpty()) {
                terminal.out().println("    " + terminal.yellow("taken away (live now, not in this release):"));
                list(terminal, entry.dropped(), "  ");
            }
        }
    }

    private static void list(Terminal terminal, CommitList commits, String indent) {
        for (Commit commit : commits.commits()) {
            String refs = (commit.pullRequest().isPresent()
                            ? " #" + commit.pullRequest().getAsInt()
                            : "")
                    + (commit.issueKeys().isEmpty() ? "" : " " + String.join(" ", commit.issueKeys()));
            terminal.out()
                    .println("    " + indent + commit.shortSha() + "  " + DAY.format(commit.date()) + "  "
                            + commit.author() + "  " + commit.subject()
                            + (refs.isEmpty() ? "" : terminal.dim("  [" + refs.strip() + "]")));
        }
        if (commits.more() > 0) {
            terminal.out()
                    .println("    " + indent + "and " + (commits.atLeast() ? "more than " : "") + commits.more()
                            + " more");
        }
    }

    private static String shortSha(String sha) {
        return sha.length() > 12 && !sha.contains(":") ? sha.substring(0, 12) : sha;
    }
}
