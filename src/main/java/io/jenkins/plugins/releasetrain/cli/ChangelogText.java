package io.jenkins.plugins.releasetrain.cli;

import io.jenkins.plugins.releasetrain.changelog.ChangelogSummary;
import io.jenkins.plugins.releasetrain.changelog.ReleaseChangelog;

/** The "Changes" section {@code plan --changes} prints under the plan's tables. */
final class ChangelogText {

    private ChangelogText() {}

    /** The section for a commit message body. */
    static String plain(ReleaseChangelog changelog) {
        return ChangelogSummary.full(changelog);
    }

    /** The section on the terminal: the heading in bold, notes in yellow. */
    static void print(Terminal terminal, ReleaseChangelog changelog) {
        terminal.out().println();
        for (String line : ChangelogSummary.full(changelog).split("\n")) {
            boolean heading = line.equals("Changes");
            boolean artifact = line.startsWith("  ") && !line.startsWith("    ");
            terminal.out().println(heading || artifact ? terminal.bold(line) : line);
        }
    }
}
