package io.jenkins.plugins.releasetrain.board;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The release board: environments as columns in promotion order, products and their artifacts as rows.
 *
 * @param at the moment the cells show, or null for the current state
 */
public record Board(Instant generatedAt, Instant at, List<BoardEnvironment> environments, List<BoardProduct> products) {

    /** How many runs per environment a board keeps unless told otherwise. */
    public static final int DEFAULT_HISTORY_LIMIT = 50;

    public Board {
        Objects.requireNonNull(generatedAt, "generatedAt");
        environments = List.copyOf(environments);
        products = List.copyOf(products);
    }

    /** The current state of every environment, with the newest {@code historyLimit} runs of each. */
    public static Board of(BoardInput input, int historyLimit) {
        return new BoardAssembler(input, historyLimit).current();
    }

    /** What was live in every environment at {@code moment} (see {@link PointInTime}). */
    public static Board at(BoardInput input, Instant moment, int historyLimit) {
        return new BoardAssembler(input, historyLimit).at(moment);
    }

    public Optional<Instant> pointInTime() {
        return Optional.ofNullable(at);
    }

    public List<BoardRow> rows() {
        return products.stream().flatMap(p -> p.artifacts().stream()).toList();
    }

    public Optional<BoardRow> row(String artifactId) {
        return rows().stream().filter(r -> r.artifactId().equals(artifactId)).findFirst();
    }

    public int environmentIndex(String name) {
        for (int i = 0; i < environments.size(); i++) {
            if (environments.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no environment named " + name + " on the board");
    }
}
