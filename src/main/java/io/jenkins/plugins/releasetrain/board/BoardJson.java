package io.jenkins.plugins.releasetrain.board;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The board as the {@code board.json} document the front end reads (format described in docs/board.md and
 * {@code board.schema.json}). Cells of a row line up with {@code environments}; {@code null} marks an
 * artifact that is not in that environment. History entries name artifacts by id only: every artifact they
 * mention has a row, which gives its product and kind.
 */
public final class BoardJson {

    /** Raised when a field is added, renamed or changes meaning; readers check it before anything else. */
    public static final int SCHEMA_VERSION = 2;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private BoardJson() {}

    /** The compact document, as served. */
    public static String write(Board board) {
        try {
            return MAPPER.writeValueAsString(document(board));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("plain maps and lists always serialize: " + e.getMessage(), e);
        }
    }

    public static Map<String, Object> document(Board board) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("schemaVersion", SCHEMA_VERSION);
        map.put("generatedAt", time(board.generatedAt()));
        map.put("at", time(board.at()));
        map.put(
                "environments",
                board.environments().stream().map(BoardJson::environment).toList());
        List<Object> products = new ArrayList<>();
        for (BoardProduct product : board.products()) {
            products.add(product(product, board.environments().size()));
        }
        map.put("products", products);
        map.put("summary", summary(board));
        return map;
    }

    private static Map<String, Object> environment(BoardEnvironment environment) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("name", environment.name());
        map.put("shortName", environment.shortName());
        map.put("gitDrift", environment.gitDrift());
        map.put(
                "pendingApprovals",
                environment.pendingApprovals().stream().map(BoardJson::approval).toList());
        Map<String, Object> history = new LinkedHashMap<>();
        history.put("total", environment.historyTotal());
        history.put("complete", environment.historyComplete());
        history.put("start", time(environment.historyStart()));
        history.put(
                "liveAtStart",
                environment.liveAtHistoryStart().stream().map(BoardJson::state).toList());
        history.put("runs", environment.history().stream().map(BoardJson::run).toList());
        map.put("history", history);
        return map;
    }

    private static Map<String, Object> approval(PendingApproval approval) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("releaseId", approval.releaseId());
        map.put("approvedBy", approval.approvedBy());
        map.put("stillNeeded", approval.stillNeeded());
        map.put("url", approval.url());
        map.put("rejection", approval.rejection());
        return map;
    }

    private static Map<String, Object> product(BoardProduct product, int environments) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("name", product.name());
        List<String> versions = new ArrayList<>();
        for (int i = 0; i < environments; i++) {
            versions.add(product.versionIn(i).orElse(null));
        }
        map.put("versions", versions);
        map.put("artifacts", product.artifacts().stream().map(BoardJson::row).toList());
        return map;
    }

    private static Map<String, Object> row(BoardRow row) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("id", row.artifactId());
        map.put("kind", row.kind().idSegment());
        map.put("name", row.name());
        List<Object> cells = new ArrayList<>();
        for (Optional<BoardCell> cell : row.cells()) {
            cells.add(cell.map(BoardJson::cell).orElse(null));
        }
        map.put("cells", cells);
        return map;
    }

    private static Map<String, Object> cell(BoardCell cell) {
        ArtifactState state = cell.state();
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("version", state.version());
        map.put("displayVersion", state.displayVersion());
        map.put("productVersion", state.productVersion());
        map.put("status", state.status().label());
        map.put("releaseId", state.releaseId());
        map.put("at", time(state.at()));
        map.put("by", state.by());
        map.put("liveVersion", state.liveVersion());
        map.put("liveDisplayVersion", state.liveDisplayVersion().orElse(null));
        map.put("driftFrom", cell.driftFrom());
        map.put("url", state.url());
        map.put("failure", state.failure());
        map.put("changes", state.changes() == null ? null : changes(state.changes()));
        map.put("hotfix", state.hotfix());
        return map;
    }

    private static Map<String, Object> changes(CellChanges changes) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("summary", changes.summary());
        map.put("commits", changes.commits());
        map.put("more", changes.more());
        return map;
    }

    private static Map<String, Object> state(ArtifactState state) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("artifactId", state.artifactId());
        map.put("version", state.version());
        map.put("displayVersion", state.displayVersion());
        map.put("productVersion", state.productVersion());
        map.put("releaseId", state.releaseId());
        map.put("at", time(state.at()));
        map.put("by", state.by());
        map.put("url", state.url());
        return map;
    }

    private static Map<String, Object> run(HistoryEntry run) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("runId", run.runId());
        map.put("releaseId", run.releaseId());
        map.put("status", run.status().label());
        map.put("started", time(run.started()));
        map.put("ended", time(run.ended()));
        map.put("actor", run.actor());
        map.put("url", run.url());
        map.put("damage", run.damage());
        map.put("verification", run.verification());
        map.put("rollback", run.rollback());
        map.put("hotfix", run.hotfix());
        map.put("results", run.results().stream().map(BoardJson::result).toList());
        return map;
    }

    private static Map<String, Object> result(ArtifactResult result) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("artifactId", result.artifactId());
        map.put("version", result.version());
        map.put("displayVersion", result.displayVersion());
        map.put("productVersion", result.productVersion());
        map.put("status", result.status().label());
        map.put("at", time(result.at()));
        return map;
    }

    private static Map<String, Object> summary(Board board) {
        List<BoardCell> cells = board.rows().stream()
                .flatMap(row -> row.cells().stream())
                .flatMap(Optional::stream)
                .toList();
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("artifacts", board.rows().stream().filter(row -> !row.isEmpty()).count());
        map.put("cells", cells.size());
        map.put("drifted", cells.stream().filter(BoardCell::drifted).count());
        for (Status status : Status.CELL) {
            map.put(
                    status.label(),
                    cells.stream().filter(c -> c.state().status() == status).count());
        }
        map.put(
                "pendingApprovals",
                board.environments().stream()
                        .mapToInt(e -> (int) e.pendingApprovals().stream()
                                .filter(PendingApproval::waiting)
                                .count())
                        .sum());
        return map;
    }

    private static String time(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
