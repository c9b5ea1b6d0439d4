package io.jenkins.plugins.releasetrain.manifest;

import java.util.Objects;

/** Where something stands in a source file: 1-based line and column, as editors and compilers print them. */
public record SourcePosition(String file, int line, int column) {

    public SourcePosition {
        Objects.requireNonNull(file, "file");
        if (line < 1 || column < 1) {
            throw new IllegalArgumentException("line and column are 1-based: " + line + ":" + column);
        }
    }

    public static SourcePosition startOf(String file) {
        return new SourcePosition(file, 1, 1);
    }

    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
