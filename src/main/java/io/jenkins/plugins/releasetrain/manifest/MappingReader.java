package io.jenkins.plugins.releasetrain.manifest;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the fields of one mapping of the manifest, reporting what is missing, misspelt, of the wrong
 * shape or against its {@link FieldRule} into a shared list, so that one pass finds every error.
 */
final class MappingReader {

    private final YamlMapping mapping;
    private final String path;
    private final String what;
    private final Findings findings;
    private final Map<String, SourcePosition> positions;
    private final java.util.Set<String> rejected = new java.util.HashSet<>();

    /** Known keys that are missing but misspelled here: the key as known, and the entry that misspells it. */
    private final Map<String, YamlMapping.Entry> misspelled = new java.util.HashMap<>();

    MappingReader(
            YamlMapping mapping,
            String path,
            String what,
            List<String> knownKeys,
            Findings findings,
            Map<String, SourcePosition> positions) {
        this.mapping = mapping;
        this.path = path;
        this.what = what;
        this.findings = findings;
        this.positions = positions;
        positions.put(path, mapping.position());
        for (YamlMapping.Entry entry : mapping.entries()) {
            String key = entry.key().value();
            positions.put(child(key), entry.value().position());
            if (!knownKeys.contains(key)) {
                findings.error(
                        entry.key().position(), "unknown key '" + key + "' in " + what, unknownKeyHint(key, knownKeys));
                Suggestions.closest(key, knownKeys).ifPresent(known -> misspelled.putIfAbsent(known, entry));
            }
        }
    }

    /**
     * Reports a missing key. When a misspelling of it is there, the error stands at the misspelling, right after
     * the "did you mean" it explains, instead of at the top of the mapping before it.
     */
    private void missing(String key, String hint) {
        YamlMapping.Entry typo = misspelled.get(key);
        if (typo == null) {
            findings.error(mapping.position(), what + " has no '" + key + "'", hint);
        } else {
            findings.error(
                    typo.key().position(),
                    what + " has no '" + key + "' ('" + typo.key().value() + "' here is not it)",
                    "rename '" + typo.key().value() + "' to '" + key + "'");
        }
    }

    /** A required text value, checked by {@code rule}; empty when missing or invalid (already reported). */
    Optional<String> required(String key, FieldRule rule) {
        Optional<YamlMapping.Entry> entry = mapping.entry(key);
        if (entry.isEmpty()) {
            missing(key, "add '" + key + ":' to " + what);
            return Optional.empty();
        }
        return text(entry.get(), rule, true);
    }

    /** An optional text value: absent, or present and valid. */
    Optional<String> optional(String key, FieldRule rule) {
        return mapping.entry(key).flatMap(entry -> text(entry, rule, false));
    }

    /** True when {@code key} is present with a value that was reported as an error. */
    boolean rejected(String key) {
        return rejected.contains(key);
    }

    /** A list of mappings; {@code required} lists must have at least one item. */
    List<YamlMapping> mappings(String key, boolean required, String itemWhat) {
        Optional<YamlMapping.Entry> entry = mapping.entry(key);
        if (entry.isEmpty() || entry.get().value() instanceof YamlScalar scalar && scalar.isNull()) {
            if (required) {
                findings.error(
                        entry.map(e -> e.value().position()).orElse(mapping.position()),
                        what + " has no '" + key + "'",
                        "list at least one " + itemWhat + " under '" + key + ":'");
            }
            return List.of();
        }
        YamlNode node = entry.get().value();
        if (!(node instanceof YamlSequence sequence)) {
            findings.error(
                    node.position(),
                    "'" + key + "' must be a list, not " + node.kind(),
                    "write each " + itemWhat + " as an item starting with '- '");
            return List.of();
        }
        if (required && sequence.items().isEmpty()) {
            findings.error(sequence.position(), "'" + key + "' is empty", "list at least one " + itemWhat);
        }
        List<YamlMapping> items = new java.util.ArrayList<>();
        for (YamlNode item : sequence.items()) {
            if (item instanceof YamlMapping itemMapping) {
                items.add(itemMapping);
            } else {
                findings.error(
                        item.position(),
                        "each item of '" + key + "' must be " + itemWhat + " (a mapping), not " + item.kind(),
                        null);
            }
        }
        return items;
    }

    /** A nested mapping such as {@code environment}. */
    Optional<YamlMapping> mapping(String key) {
        Optional<YamlMapping.Entry> entry = mapping.entry(key);
        if (entry.isEmpty()) {
            missing(key, "add the '" + key + ":' section");
            return Optional.empty();
        }
        if (entry.get().value() instanceof YamlMapping nested) {
            return Optional.of(nested);
        }
        findings.error(
                entry.get().value().position(),
                "'" + key + "' must be a mapping, not " + entry.get().value().kind(),
                null);
        return Optional.empty();
    }

    String child(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private Optional<String> text(YamlMapping.Entry entry, FieldRule rule, boolean required) {
        String key = entry.key().value();
        YamlNode node = entry.value();
        if (!(node instanceof YamlScalar scalar)) {
            findings.error(node.position(), "'" + key + "' must be a text value, not " + node.kind(), null);
            rejected.add(key);
            return Optional.empty();
        }
        if (scalar.isBlank()) {
            if (required) {
                findings.error(scalar.position(), "'" + key + "' is empty", "give " + what + " a " + key);
            }
            return Optional.empty();
        }
        String value = scalar.value();
        Optional<Problem> problem = rule.check(value);
        problem.ifPresent(p -> findings.add(new Diagnostic(
                p.severity(), scalar.position(), key + " '" + printable(value) + "' " + p.message(), p.hint())));
        if (problem.filter(p -> p.severity() == Severity.ERROR).isPresent()) {
            rejected.add(key);
            return Optional.empty();
        }
        return Optional.of(value);
    }

    private static String unknownKeyHint(String key, List<String> knownKeys) {
        if ("<<".equals(key)) {
            return "YAML merge keys are not supported in release manifests; write the fields out";
        }
        return Suggestions.closest(key, knownKeys)
                .map(s -> "did you mean '" + s + "'?")
                .orElse("known keys here: " + String.join(", ", knownKeys));
    }

    /** Values are echoed in messages; keep control characters and huge values out of the terminal. */
    static String printable(String value) {
        return PrintableText.of(value, 80);
    }
}
