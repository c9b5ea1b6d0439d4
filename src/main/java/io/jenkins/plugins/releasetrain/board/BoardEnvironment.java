package io.jenkins.plugins.releasetrain.board;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A column of the board with the history behind it.
 *
 * @param history the newest runs, newest first, at most the board's history limit
 * @param historyTotal how many runs the environment has in all
 * @param historyStart when the oldest kept run started if older runs were left out, else null
 * @param liveAtHistoryStart what the left-out runs had made live, so the point in time can still be worked
 *     out for any moment from {@code historyStart} on; empty when the history is complete
 * @param gitDrift where the environment's manifest in git disagrees with what runs (see {@link GitDrift}), or null
 */
public record BoardEnvironment(
        String name,
        String shortName,
        List<PendingApproval> pendingApprovals,
        List<HistoryEntry> history,
        int historyTotal,
        Instant historyStart,
        List<ArtifactState> liveAtHistoryStart,
        String gitDrift) {

    public BoardEnvironment(
            String name,
            String shortName,
            List<PendingApproval> pendingApprovals,
            List<HistoryEntry> history,
            int historyTotal,
            Instant historyStart,
            List<ArtifactState> liveAtHistoryStart) {
        this(name, shortName, pendingApprovals, history, historyTotal, historyStart, liveAtHistoryStart, null);
    }

    public BoardEnvironment {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(shortName, "shortName");
        pendingApprovals = List.copyOf(pendingApprovals);
        history = List.copyOf(history);
        liveAtHistoryStart = List.copyOf(liveAtHistoryStart);
    }

    public boolean historyComplete() {
        return historyStart == null;
    }

    public Optional<Instant> earliestPointInTime() {
        return Optional.ofNullable(historyStart);
    }
}
