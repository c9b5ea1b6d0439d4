package io.jenkins.plugins.releasetrain.board;

import io.jenkins.plugins.releasetrain.ledger.RecordedArtifact;
import java.util.Optional;

/**
 * Finds what an artifact's live version brought over the one live before it, for the board's cell details.
 * The board reads only the ledger; reading repositories is left to an implementation configured by whoever
 * runs the board (the command line's {@code --changes}).
 */
@FunctionalInterface
public interface BoardChanges {

    /** No changes are shown. */
    BoardChanges NONE = (before, live) -> Optional.empty();

    Optional<CellChanges> between(RecordedArtifact before, RecordedArtifact live);
}
