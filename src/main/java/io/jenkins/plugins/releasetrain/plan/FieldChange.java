package io.jenkins.plugins.releasetrain.plan;

import java.util.Objects;

/** One attribute of an artifact that differs: {@code gitCommit 3e1bfbd… → 4f545ec…}. */
public record FieldChange(String field, String before, String after) {

    public FieldChange {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
    }
}
