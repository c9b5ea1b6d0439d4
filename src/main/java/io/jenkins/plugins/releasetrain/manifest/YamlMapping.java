package io.jenkins.plugins.releasetrain.manifest;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A YAML mapping with its entries in source order; keys are always scalars and never repeat. */
public record YamlMapping(List<Entry> entries, SourcePosition position) implements YamlNode {

    /** One {@code key: value} pair; the key keeps its own position for "unknown key" messages. */
    public record Entry(YamlScalar key, YamlNode value) {
        public Entry {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
        }
    }

    public YamlMapping {
        entries = List.copyOf(entries);
        Objects.requireNonNull(position, "position");
    }

    public Optional<Entry> entry(String key) {
        return entries.stream().filter(e -> e.key().value().equals(key)).findFirst();
    }

    public Optional<YamlNode> get(String key) {
        return entry(key).map(Entry::value);
    }

    @Override
    public String kind() {
        return "a mapping";
    }
}
