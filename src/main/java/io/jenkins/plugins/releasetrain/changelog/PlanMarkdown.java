package io.jenkins.plugins.releasetrain.changelog;

import io.jenkins.plugins.releasetrain.manifest.Artifact;
import io.jenkins.plugins.releasetrain.plan.ChangeKind;
import io.jenkins.plugins.releasetrain.plan.PlannedArtifact;
import io.jenkins.plugins.releasetrain.plan.ReleasePlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A plan, and its changelog when there is one, as Markdown: what a pull request's check or comment shows of
 * what merging would deploy. Unchanged artifacts are counted, not listed, so a large release stays readable.
 */
public final class PlanMarkdown {

    private PlanMarkdown() {}

    public static String of(String heading, ReleasePlan plan, Optional<ReleaseChangelog> changelog) {
        List<String> lines = new ArrayList<>();
        lines.add("### " + ChangelogMarkdown.escape(heading));
        lines.add("");
        List<PlannedArtifact> shown = plan.artifacts().stream()
                .filter(a -> a.change() != ChangeKind.UNCHANGED)
                .toList();
        if (shown.isEmpty()) {
            lines.add("Nothing changes: every artifact is already live.");
        } else {
            lines.add("| Artifact | Change | Version | Commits |");
            lines.add("|---|---|---|---|");
            for (PlannedArtifact artifact : shown) {
                String commits = changelog
                        .flatMap(c -> c.artifact(artifact.id()))
                        .map(ArtifactChangelog::summary)
                        .orElse("");
                lines.add("| " + cell(artifact.id()) + " | " + artifact.change().label() + " | " + version(artifact)
                        + " | " + cell(commits) + " |");
            }
        }
        long unchanged = plan.count(ChangeKind.UNCHANGED);
        if (unchanged > 0) {
            lines.add("");
            lines.add(unchanged + (unchanged == 1 ? " artifact" : " artifacts") + " unchanged.");
        }
        changelog.filter(c -> !c.artifacts().isEmpty()).ifPresent(c -> {
            lines.add("");
            lines.add("### Changes");
            lines.add("");
            lines.add(ChangelogMarkdown.of(c).stripTrailing());
        });
        return String.join("\n", lines) + "\n";
    }

    private static String version(PlannedArtifact artifact) {
        String before = artifact.beforeArtifact().map(Artifact::displayVersion).orElse(null);
        String after = artifact.afterArtifact().map(Artifact::displayVersion).orElse(null);
        if (before == null || after == null || before.equals(after)) {
            return code(after != null ? after : before);
        }
        return code(before) + " → " + code(after);
    }

    private static String code(String text) {
        return "`" + text.replace("`", "").replace("|", "\\|") + "`";
    }

    private static String cell(String text) {
        return ChangelogMarkdown.escape(text);
    }
}
