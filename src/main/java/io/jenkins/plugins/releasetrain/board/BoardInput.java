package io.jenkins.plugins.releasetrain.board;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the board is built from: the environments in promotion order (the first is promoted into the
 * second, and so on), each with its current artifacts, its history and its pending approvals.
 */
public record BoardInput(Instant generatedAt, List<EnvironmentInput> environments) {

    public BoardInput {
        Objects.requireNonNull(generatedAt, "generatedAt");
        environments = List.copyOf(environments);
        long distinct =
                environments.stream().map(EnvironmentInput::name).distinct().count();
        if (distinct != environments.size()) {
            throw new IllegalArgumentException("an environment is listed more than once");
        }
    }

    public Optional<EnvironmentInput> environment(String name) {
        return environments.stream().filter(e -> e.name().equals(name)).findFirst();
    }

    /**
     * Only the named environments, in the order given (which becomes the promotion order).
     *
     * @throws IllegalArgumentException naming the environments that are not on the board
     */
    public BoardInput select(List<String> names) {
        List<EnvironmentInput> selected = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (String name : names) {
            environment(name).ifPresentOrElse(selected::add, () -> unknown.add(name));
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("no environment named " + String.join(", ", unknown)
                    + " (known: "
                    + String.join(
                            ", ",
                            environments.stream().map(EnvironmentInput::name).toList())
                    + ")");
        }
        return new BoardInput(generatedAt, selected);
    }
}
