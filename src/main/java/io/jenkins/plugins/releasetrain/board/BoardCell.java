package io.jenkins.plugins.releasetrain.board;

import java.util.Objects;
import java.util.Optional;

/**
 * One artifact in one environment as the board shows it.
 *
 * @param driftFrom the previous environment in promotion order when the version live there differs from
 *     the one live here, else null
 */
public record BoardCell(ArtifactState state, String driftFrom) {

    public BoardCell {
        Objects.requireNonNull(state, "state");
    }

    public boolean drifted() {
        return driftFrom != null;
    }

    public Optional<String> driftSource() {
        return Optional.ofNullable(driftFrom);
    }
}
