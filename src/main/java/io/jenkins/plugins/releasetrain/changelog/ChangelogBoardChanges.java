package io.jenkins.plugins.releasetrain.changelog;

import io.jenkins.plugins.releasetrain.board.BoardChanges;
import io.jenkins.plugins.releasetrain.board.CellChanges;
import io.jenkins.plugins.releasetrain.ledger.RecordedArtifact;
import io.jenkins.plugins.releasetrain.manifest.ArtifactKind;
import io.jenkins.plugins.releasetrain.plan.ChangeKind;
import io.jenkins.plugins.releasetrain.plan.PlannedArtifact;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The board's "what it brought", from the configured repositories. A range between two commits never changes, so
 * each is read once per instance, however often a served board is reloaded; at most {@link #REMEMBERED} ranges
 * are kept. Deployments only: an image's origin would need its registry, which the board does not read.
 */
public final class ChangelogBoardChanges implements BoardChanges {

    static final int REMEMBERED = 10_000;

    private final Changelogs changelogs;
    private final Map<String, Optional<CellChanges>> read = new HashMap<>();

    public ChangelogBoardChanges(Changelogs changelogs) {
        this.changelogs = changelogs;
    }

    @Override
    public synchronized Optional<CellChanges> between(RecordedArtifact before, RecordedArtifact live) {
        if (live.kind() != ArtifactKind.DEPLOYMENT) {
            return Optional.empty();
        }
        String key = live.id() + " " + before.version() + ".." + live.version();
        if (read.size() >= REMEMBERED && !read.containsKey(key)) {
            read.clear();
        }
        return read.computeIfAbsent(key, k -> {
            PlannedArtifact change =
                    new PlannedArtifact(live.id(), ChangeKind.CHANGED, before.artifact(), live.artifact(), List.of());
            ArtifactChangelog entry = changelogs.of(List.of(change)).artifacts().get(0);
            return Optional.of(new CellChanges(
                    entry.summary(),
                    ChangelogSummary.commitLines(entry.added()),
                    entry.added().more()));
        });
    }
}
