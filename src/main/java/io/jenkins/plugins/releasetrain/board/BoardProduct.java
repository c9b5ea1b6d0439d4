package io.jenkins.plugins.releasetrain.board;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A product and its artifacts, as a group of rows. */
public record BoardProduct(String name, List<BoardRow> artifacts) {

    public BoardProduct {
        Objects.requireNonNull(name, "name");
        artifacts = List.copyOf(artifacts);
    }

    /**
     * The product's version live in an environment: that of its most recently deployed artifact there, since
     * a partly promoted product has artifacts of two releases. Failed, running and waiting attempts do not
     * count: their version is not live.
     */
    public Optional<String> versionIn(int environmentIndex) {
        return artifacts.stream()
                .flatMap(row -> row.cell(environmentIndex).stream())
                .map(BoardCell::state)
                .filter(state -> state.status() == Status.SUCCEEDED && state.productVersion() != null)
                .max(Comparator.comparing(ArtifactState::at))
                .map(ArtifactState::productVersion);
    }
}
