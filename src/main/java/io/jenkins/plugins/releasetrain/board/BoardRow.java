package io.jenkins.plugins.releasetrain.board;

import io.jenkins.plugins.releasetrain.manifest.ArtifactKind;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One artifact across the environments.
 *
 * @param name the artifact's id without its product and kind ({@code cf-edge-s3})
 * @param cells one per environment of the board, in its order; empty where the artifact is not there
 */
public record BoardRow(
        String artifactId, String product, ArtifactKind kind, String name, List<Optional<BoardCell>> cells) {

    public BoardRow {
        Objects.requireNonNull(artifactId, "artifactId");
        Objects.requireNonNull(product, "product");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        cells = List.copyOf(cells);
    }

    public Optional<BoardCell> cell(int environmentIndex) {
        return cells.get(environmentIndex);
    }

    /** True when the artifact is in none of the environments (it is only in their history). */
    public boolean isEmpty() {
        return cells.stream().allMatch(Optional::isEmpty);
    }

    public boolean drifted() {
        return cells.stream().flatMap(Optional::stream).anyMatch(BoardCell::drifted);
    }
}
