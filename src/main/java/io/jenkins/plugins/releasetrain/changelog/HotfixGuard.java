package io.jenkins.plugins.releasetrain.changelog;

import io.jenkins.plugins.releasetrain.manifest.ArtifactKind;
import io.jenkins.plugins.releasetrain.plan.PlannedArtifact;
import io.jenkins.plugins.releasetrain.plan.ReleasePlan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Keeps a regular release from taking a hotfix away: for each artifact whose live version a hotfix deployed, the
 * release's commit must contain the live one (git ancestry, read as the changelog reads it). One that does not, or
 * that nobody can tell about (no repository configured, unreachable, an image), is named with what it would drop.
 */
public final class HotfixGuard {

    /** The start detail of a run that drops hotfixes: which artifacts, comma-separated. */
    public static final String DROPPED = "hotfix.dropped";
    /** The start detail saying why the run drops them, as whoever released it said. */
    public static final String REASON = "hotfix.dropReason";

    private HotfixGuard() {}

    /**
     * A hotfixed artifact the release would replace without keeping the fix.
     *
     * @param dropped the hotfix commits it would take away, when the repository could be read
     * @param why what the release does to it, for people
     */
    public record DroppedHotfix(String artifactId, String live, String replacement, CommitList dropped, String why) {
        public DroppedHotfix {
            Objects.requireNonNull(artifactId, "artifactId");
            Objects.requireNonNull(live, "live");
            Objects.requireNonNull(replacement, "replacement");
            Objects.requireNonNull(dropped, "dropped");
            Objects.requireNonNull(why, "why");
        }
    }

    /** The artifacts of {@code hotfixed} that {@code plan} changes: the only ones the guard has to look at. */
    public static List<PlannedArtifact> touched(ReleasePlan plan, Set<String> hotfixed) {
        return plan.work().stream()
                .filter(a -> hotfixed.contains(a.id()) && a.beforeArtifact().isPresent())
                .toList();
    }

    /**
     * What {@code touched} would drop, given their changelog (empty when no repository could be configured: then
     * every touched deployment counts as dropping the fix, since nobody can tell).
     */
    public static List<DroppedHotfix> check(List<PlannedArtifact> touched, Optional<ReleaseChangelog> changelog) {
        List<DroppedHotfix> dropped = new ArrayList<>();
        for (PlannedArtifact artifact : touched) {
            String live = artifact.beforeArtifact().orElseThrow().version();
            String replacement = artifact.current().version();
            if (artifact.kind() == ArtifactKind.IMAGE) {
                dropped.add(new DroppedHotfix(
                        artifact.id(),
                        live,
                        replacement,
                        CommitList.EMPTY,
                        "replaces the hotfixed image " + live + " with " + replacement
                                + "; whether it contains the fix cannot be told from git"));
                continue;
            }
            Optional<ArtifactChangelog> entry = changelog.flatMap(c -> c.artifact(artifact.id()));
            Optional<Relation> relation = entry.flatMap(ArtifactChangelog::relation);
            if (relation.filter(r -> r == Relation.FORWARD || r == Relation.SAME)
                    .isPresent()) {
                continue;
            }
            String why = relation.map(r -> switch (r) {
                        case BEHIND -> "goes back behind the hotfix";
                        case DIVERGED -> "does not contain the hotfix (the histories diverged)";
                        case UNRELATED -> "has no history in common with the hotfix";
                        default -> throw new IllegalStateException("forward and same are kept");
                    })
                    .orElseGet(() -> "cannot be checked against the hotfix ("
                            + entry.flatMap(ArtifactChangelog::note).orElse("no repository is configured") + ")");
            dropped.add(new DroppedHotfix(
                    artifact.id(),
                    live,
                    replacement,
                    entry.map(ArtifactChangelog::dropped).orElse(CommitList.EMPTY),
                    why));
        }
        return dropped;
    }

    /** What a run that drops {@code dropped} for {@code reason} records with its start; nothing when it drops none. */
    public static Map<String, String> details(List<DroppedHotfix> dropped, String reason) {
        Map<String, String> details = new LinkedHashMap<>();
        if (!dropped.isEmpty()) {
            details.put(
                    DROPPED,
                    String.join(
                            ",", dropped.stream().map(DroppedHotfix::artifactId).toList()));
            details.put(REASON, reason.strip());
        }
        return details;
    }

    /** For people: per dropped hotfix, what the release does to it, then the commits it would take away. */
    public static List<String> describe(List<DroppedHotfix> dropped) {
        List<String> lines = new ArrayList<>();
        for (DroppedHotfix drop : dropped) {
            lines.add(drop.artifactId() + ": the release's " + shortSha(drop.replacement()) + " " + drop.why()
                    + " live as " + shortSha(drop.live()));
            for (Commit commit : drop.dropped().commits()) {
                lines.add("  drops " + commit.shortSha() + "  " + commit.subject());
            }
            if (drop.dropped().more() > 0) {
                lines.add("  and " + drop.dropped().more() + " more");
            }
        }
        return lines;
    }

    private static String shortSha(String version) {
        return version.length() == 40 ? version.substring(0, 12) : version;
    }
}
