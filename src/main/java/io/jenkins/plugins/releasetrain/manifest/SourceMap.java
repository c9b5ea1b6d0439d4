package io.jenkins.plugins.releasetrain.manifest;

import java.util.Map;
import java.util.Optional;

/**
 * Where each value of a manifest was written, by path ({@code products[0].deployments[2].gitCommit}), so
 * that checks made on the model (duplicates, plans, approvals) can still point at the line to change.
 */
public record SourceMap(String sourceName, Map<String, SourcePosition> positions) {

    public SourceMap {
        positions = Map.copyOf(positions);
    }

    /** The position of {@code path}, else of its nearest enclosing value, else the start of the file. */
    public SourcePosition positionOf(String path) {
        String current = path;
        while (!current.isEmpty()) {
            SourcePosition position = positions.get(current);
            if (position != null) {
                return position;
            }
            current = parent(current);
        }
        return SourcePosition.startOf(sourceName);
    }

    public Optional<SourcePosition> exactPositionOf(String path) {
        return Optional.ofNullable(positions.get(path));
    }

    private static String parent(String path) {
        int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
        return cut <= 0 ? "" : path.substring(0, cut);
    }
}
