package io.jenkins.plugins.releasetrain.board;

import java.util.List;
import java.util.Objects;

/**
 * What the board needs to know about one environment.
 *
 * @param artifacts the current state of each artifact, at most one per artifact id
 * @param history every run in the environment, in any order
 * @param gitDrift where the environment's manifest in git disagrees with what runs, when git was consulted; else
 *     null
 */
public record EnvironmentInput(
        String name,
        String shortName,
        List<ArtifactState> artifacts,
        List<HistoryEntry> history,
        List<PendingApproval> pendingApprovals,
        String gitDrift) {

    public EnvironmentInput(
            String name,
            String shortName,
            List<ArtifactState> artifacts,
            List<HistoryEntry> history,
            List<PendingApproval> pendingApprovals) {
        this(name, shortName, artifacts, history, pendingApprovals, null);
    }

    public EnvironmentInput {
        Objects.requireNonNull(name, "name");
        shortName = shortName == null || shortName.isBlank() ? name : shortName;
        artifacts = List.copyOf(artifacts);
        history = List.copyOf(history);
        pendingApprovals = List.copyOf(pendingApprovals);
        long distinct =
                artifacts.stream().map(ArtifactState::artifactId).distinct().count();
        if (distinct != artifacts.size()) {
            throw new IllegalArgumentException("environment " + name + " lists an artifact more than once");
        }
    }
}
