package io.jenkins.plugins.releasetrain.board;

import io.jenkins.plugins.releasetrain.manifest.ArtifactKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** Lays the input out as rows and columns, flags drift and cuts each history to the limit. */
final class BoardAssembler {

    private final BoardInput input;
    private final int historyLimit;

    BoardAssembler(BoardInput input, int historyLimit) {
        if (historyLimit < 1) {
            throw new IllegalArgumentException("the history limit must be at least 1: " + historyLimit);
        }
        this.input = input;
        this.historyLimit = historyLimit;
    }

    Board current() {
        return assemble(null, environment -> byArtifact(environment.artifacts()));
    }

    Board at(Instant moment) {
        return assemble(moment, environment -> PointInTime.liveAt(environment, moment));
    }

    private Board assemble(Instant moment, Function<EnvironmentInput, Map<String, ArtifactState>> cellsOf) {
        List<EnvironmentInput> environments = input.environments();
        List<Map<String, ArtifactState>> columns =
                environments.stream().map(cellsOf).toList();
        List<BoardEnvironment> boardEnvironments =
                environments.stream().map(this::environment).toList();
        Map<String, Map<String, ArtifactKind>> catalogue = catalogue(columns, boardEnvironments);
        List<BoardProduct> products = new ArrayList<>();
        catalogue.forEach((product, artifacts) -> {
            List<BoardRow> rows = new ArrayList<>();
            artifacts.forEach((id, kind) -> rows.add(row(id, product, kind, environments, columns)));
            products.add(new BoardProduct(product, rows));
        });
        return new Board(input.generatedAt(), moment, boardEnvironments, products);
    }

    private static BoardRow row(
            String id,
            String product,
            ArtifactKind kind,
            List<EnvironmentInput> environments,
            List<Map<String, ArtifactState>> columns) {
        List<Optional<BoardCell>> cells = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            ArtifactState state = columns.get(i).get(id);
            if (state == null) {
                cells.add(Optional.empty());
                continue;
            }
            ArtifactState upstream = i == 0 ? null : columns.get(i - 1).get(id);
            boolean drift = upstream != null
                    && upstream.live().isPresent()
                    && state.live().isPresent()
                    && !upstream.liveVersion().equals(state.liveVersion());
            cells.add(Optional.of(
                    new BoardCell(state, drift ? environments.get(i - 1).name() : null)));
        }
        return new BoardRow(id, product, kind, ArtifactNames.shortName(id, product, kind), cells);
    }

    /**
     * Every artifact the board can show, grouped by product, in order of first appearance: current cells
     * first (so rows follow the manifests' order), then those only in the kept history, which the front end
     * needs for its point-in-time view.
     */
    private static Map<String, Map<String, ArtifactKind>> catalogue(
            List<Map<String, ArtifactState>> columns, List<BoardEnvironment> environments) {
        Map<String, Map<String, ArtifactKind>> catalogue = new LinkedHashMap<>();
        for (Map<String, ArtifactState> column : columns) {
            column.values().forEach(s -> add(catalogue, s.product(), s.artifactId(), s.kind()));
        }
        for (BoardEnvironment environment : environments) {
            environment.liveAtHistoryStart().forEach(s -> add(catalogue, s.product(), s.artifactId(), s.kind()));
            environment.history().stream()
                    .flatMap(run -> run.results().stream())
                    .forEach(r -> add(catalogue, r.product(), r.artifactId(), r.kind()));
        }
        return catalogue;
    }

    private static void add(
            Map<String, Map<String, ArtifactKind>> catalogue, String product, String id, ArtifactKind kind) {
        catalogue.computeIfAbsent(product, p -> new LinkedHashMap<>()).putIfAbsent(id, kind);
    }

    private BoardEnvironment environment(EnvironmentInput environment) {
        List<HistoryEntry> newestFirst = new ArrayList<>(PointInTime.inOrder(environment.history()));
        Collections.reverse(newestFirst);
        List<HistoryEntry> kept = newestFirst.subList(0, Math.min(historyLimit, newestFirst.size()));
        List<HistoryEntry> left = newestFirst.subList(kept.size(), newestFirst.size());
        Instant historyStart = left.isEmpty() ? null : kept.get(kept.size() - 1).started();
        List<ArtifactState> liveAtStart =
                List.copyOf(PointInTime.liveAfter(left).values());
        return new BoardEnvironment(
                environment.name(),
                environment.shortName(),
                environment.pendingApprovals(),
                kept,
                newestFirst.size(),
                historyStart,
                liveAtStart,
                environment.gitDrift());
    }

    private static Map<String, ArtifactState> byArtifact(List<ArtifactState> states) {
        Map<String, ArtifactState> map = new LinkedHashMap<>();
        states.forEach(s -> map.put(s.artifactId(), s));
        return map;
    }
}
