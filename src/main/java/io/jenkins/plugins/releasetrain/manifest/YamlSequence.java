package io.jenkins.plugins.releasetrain.manifest;

import java.util.List;
import java.util.Objects;

/** A YAML sequence ("a list" in messages, since that is what users call it). */
public record YamlSequence(List<YamlNode> items, SourcePosition position) implements YamlNode {

    public YamlSequence {
        items = List.copyOf(items);
        Objects.requireNonNull(position, "position");
    }

    @Override
    public String kind() {
        return "a list";
    }
}
