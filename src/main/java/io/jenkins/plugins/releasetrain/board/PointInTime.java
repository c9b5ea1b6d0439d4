package io.jenkins.plugins.releasetrain.board;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What was live in an environment at a given moment: for each artifact, the last version that succeeded
 * there at or before it (a run that found it unchanged keeps the earlier deployment). Failed, skipped,
 * running and unapproved attempts never replace what is live.
 */
public final class PointInTime {

    private PointInTime() {}

    /** The live artifacts of {@code environment} at {@code moment}, keyed by artifact id. */
    public static Map<String, ArtifactState> liveAt(EnvironmentInput environment, Instant moment) {
        return live(environment.history(), moment);
    }

    /** What the given runs left live, whatever their time: the starting point of a history cut short. */
    static Map<String, ArtifactState> liveAfter(Collection<HistoryEntry> runs) {
        return live(runs, Instant.MAX);
    }

    private static Map<String, ArtifactState> live(Collection<HistoryEntry> runs, Instant moment) {
        Map<String, ArtifactState> live = new LinkedHashMap<>();
        for (HistoryEntry run : inOrder(runs)) {
            for (ArtifactResult result : run.results()) {
                if (!result.status().isLive() || result.at().isAfter(moment)) {
                    continue;
                }
                ArtifactState known = live.get(result.artifactId());
                // Found unchanged: the same version stays live as it was deployed, when and by whom.
                boolean sameDeployment = result.status() == Status.UNCHANGED
                        && known != null
                        && known.version().equals(result.version());
                if (!sameDeployment && (known == null || !result.at().isBefore(known.at()))) {
                    live.put(result.artifactId(), result.asStateOf(run));
                }
            }
        }
        return live;
    }

    /** Oldest first; runs started together keep their given order, so later entries win ties. */
    static List<HistoryEntry> inOrder(Collection<HistoryEntry> runs) {
        return runs.stream().sorted(Comparator.comparing(HistoryEntry::started)).toList();
    }
}
