package io.jenkins.plugins.releasetrain.board;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.jenkins.plugins.releasetrain.manifest.ArtifactKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The board input as a JSON file ({@code release-train board --input FILE}): the same records, so a board
 * can be drawn from any source that can write them. Format in docs/board.md.
 */
public final class BoardInputJson {

    public static final int SCHEMA_VERSION = 1;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private BoardInputJson() {}

    /** A source that reads the file anew each time, so a served board follows changes to it. */
    public static BoardSource source(Path file) {
        return () -> read(file);
    }

    public static BoardInput read(Path file) throws IOException {
        return read(file.toString(), Files.readString(file));
    }

    public static BoardInput read(String sourceName, String text) {
        JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new BoardInputException(sourceName + ": not JSON: " + e.getOriginalMessage());
        }
        Node document = new Node(sourceName, "", root);
        int version = document.integer("schemaVersion");
        if (version != SCHEMA_VERSION) {
            throw document.problem("schemaVersion", "is " + version + "; this release-train reads " + SCHEMA_VERSION);
        }
        Instant generatedAt = document.has("generatedAt") ? document.instant("generatedAt") : Instant.now();
        return new BoardInput(generatedAt, document.list("environments", BoardInputJson::environment));
    }

    public static String write(BoardInput input) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("schemaVersion", SCHEMA_VERSION);
        map.put("generatedAt", input.generatedAt().toString());
        map.put(
                "environments",
                input.environments().stream().map(BoardInputJson::environment).toList());
        try {
            return MAPPER.writer(SerializationFeature.INDENT_OUTPUT).writeValueAsString(map);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("plain maps and lists always serialize: " + e.getMessage(), e);
        }
    }

    private static EnvironmentInput environment(Node node) {
        try {
            return new EnvironmentInput(
                    node.text("name"),
                    node.optionalText("shortName"),
                    node.list("artifacts", BoardInputJson::state),
                    node.optionalList("history", BoardInputJson::run),
                    node.optionalList("pendingApprovals", BoardInputJson::approval));
        } catch (IllegalArgumentException e) {
            throw new BoardInputException(node.where() + ": " + e.getMessage());
        }
    }

    private static ArtifactState state(Node node) {
        return new ArtifactState(
                node.text("artifactId"),
                node.text("product"),
                node.kind("kind"),
                node.text("version"),
                node.optionalText("displayVersion"),
                node.optionalText("productVersion"),
                node.status("status", Status.CELL),
                node.text("releaseId"),
                node.instant("at"),
                node.optionalText("by"),
                node.optionalText("liveVersion"),
                node.optionalText("url"),
                node.optionalText("failure"));
    }

    private static HistoryEntry run(Node node) {
        return new HistoryEntry(
                node.text("runId"),
                node.text("releaseId"),
                node.status("status", Status.RUN),
                node.instant("started"),
                node.has("ended") ? node.instant("ended") : null,
                node.optionalText("actor"),
                node.list("results", BoardInputJson::result),
                node.optionalText("url"),
                node.optionalText("damage"));
    }

    private static ArtifactResult result(Node node) {
        return new ArtifactResult(
                node.text("artifactId"),
                node.text("product"),
                node.kind("kind"),
                node.text("version"),
                node.optionalText("displayVersion"),
                node.optionalText("productVersion"),
                node.status("status", Status.RESULT),
                node.instant("at"));
    }

    private static PendingApproval approval(Node node) {
        Integer stillNeeded = node.has("stillNeeded") ? node.integer("stillNeeded") : null;
        if (stillNeeded != null && stillNeeded < 0) {
            throw node.problem("stillNeeded", "must be 0 or more");
        }
        return new PendingApproval(
                node.text("releaseId"),
                node.optionalList("approvedBy", Node::self),
                stillNeeded,
                node.optionalText("url"),
                node.optionalText("rejection"));
    }

    private static Map<String, Object> environment(EnvironmentInput environment) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("name", environment.name());
        map.put("shortName", environment.shortName());
        map.put(
                "artifacts",
                environment.artifacts().stream().map(BoardInputJson::state).toList());
        map.put(
                "history",
                environment.history().stream().map(BoardInputJson::run).toList());
        map.put(
                "pendingApprovals",
                environment.pendingApprovals().stream()
                        .map(BoardInputJson::approval)
                        .toList());
        return map;
    }

    private static Map<String, Object> state(ArtifactState state) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("artifactId", state.artifactId());
        map.put("product", state.product());
        map.put("kind", state.kind().idSegment());
        map.put("version", state.version());
        map.put("displayVersion", state.displayVersion());
        putIfPresent(map, "productVersion", state.productVersion());
        map.put("status", state.status().label());
        map.put("releaseId", state.releaseId());
        map.put("at", state.at().toString());
        putIfPresent(map, "by", state.by());
        if (!state.version().equals(state.liveVersion())) {
            putIfPresent(map, "liveVersion", state.liveVersion());
        }
        putIfPresent(map, "url", state.url());
        return map;
    }

    private static Map<String, Object> run(HistoryEntry run) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("runId", run.runId());
        map.put("releaseId", run.releaseId());
        map.put("status", run.status().label());
        map.put("started", run.started().toString());
        putIfPresent(map, "ended", run.ended() == null ? null : run.ended().toString());
        putIfPresent(map, "actor", run.actor());
        map.put("results", run.results().stream().map(BoardInputJson::result).toList());
        putIfPresent(map, "url", run.url());
        putIfPresent(map, "damage", run.damage());
        return map;
    }

    private static Map<String, Object> result(ArtifactResult result) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("artifactId", result.artifactId());
        map.put("product", result.product());
        map.put("kind", result.kind().idSegment());
        map.put("version", result.version());
        map.put("displayVersion", result.displayVersion());
        putIfPresent(map, "productVersion", result.productVersion());
        map.put("status", result.status().label());
        map.put("at", result.at().toString());
        return map;
    }

    private static Map<String, Object> approval(PendingApproval approval) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("releaseId", approval.releaseId());
        map.put("approvedBy", approval.approvedBy());
        putIfPresent(map, "stillNeeded", approval.stillNeeded());
        putIfPresent(map, "url", approval.url());
        putIfPresent(map, "rejection", approval.rejection());
        return map;
    }

    private static void putIfPresent(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    /** A JSON value with its path in the document, so every error names the field to fix. */
    private record Node(String source, String path, JsonNode value) {

        String where() {
            return source + ": " + (path.isEmpty() ? "document" : path);
        }

        boolean has(String field) {
            JsonNode child = value.get(field);
            return child != null && !child.isNull();
        }

        private JsonNode required(String field) {
            if (!value.isObject()) {
                throw new BoardInputException(where() + ": expected an object");
            }
            if (!has(field)) {
                throw problem(field, "is missing");
            }
            return value.get(field);
        }

        String text(String field) {
            JsonNode child = required(field);
            if (!child.isTextual() || child.asText().isBlank()) {
                throw problem(field, "must be a non-empty string");
            }
            return child.asText();
        }

        String optionalText(String field) {
            return has(field) ? text(field) : null;
        }

        String self() {
            if (!value.isTextual() || value.asText().isBlank()) {
                throw new BoardInputException(where() + ": must be a non-empty string");
            }
            return value.asText();
        }

        int integer(String field) {
            JsonNode child = required(field);
            if (!child.canConvertToExactIntegral() || !child.canConvertToInt()) {
                throw problem(field, "must be a whole number");
            }
            return child.asInt();
        }

        Instant instant(String field) {
            String text = text(field);
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e) {
                throw problem(field, "'" + text + "' is not a UTC time such as 2026-05-01T12:00:00Z");
            }
        }

        Status status(String field, Set<Status> allowed) {
            String text = text(field);
            return Status.fromLabel(text)
                    .filter(allowed::contains)
                    .orElseThrow(() -> problem(
                            field,
                            "'" + text + "' is not a status here; use one of "
                                    + String.join(", ", Status.labels(allowed))));
        }

        ArtifactKind kind(String field) {
            String text = text(field);
            return Arrays.stream(ArtifactKind.values())
                    .filter(k -> k.idSegment().equals(text))
                    .findFirst()
                    .orElseThrow(() -> problem(field, "'" + text + "' is not an artifact kind; use deploy or image"));
        }

        <T> List<T> list(String field, Function<Node, T> element) {
            JsonNode child = required(field);
            if (!child.isArray()) {
                throw problem(field, "must be a list");
            }
            List<T> list = new ArrayList<>(child.size());
            for (int i = 0; i < child.size(); i++) {
                list.add(element.apply(new Node(source, child(field) + "[" + i + "]", child.get(i))));
            }
            return list;
        }

        <T> List<T> optionalList(String field, Function<Node, T> element) {
            return has(field) ? list(field, element) : List.of();
        }

        private String child(String field) {
            return path.isEmpty() ? field : path + "." + field;
        }

        BoardInputException problem(String field, String message) {
            return new BoardInputException(source + ": " + child(field) + ": " + message);
        }
    }
}
