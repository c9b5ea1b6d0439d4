package io.jenkins.plugins.releasetrain.manifest;

import java.util.List;
import java.util.Objects;

/**
 * A manifest that passed validation: the release, the warnings worth showing, and where everything was
 * written (for later messages and for formatting-preserving edits).
 */
public record LoadedManifest(YamlDocument document, Release release, List<Diagnostic> warnings, SourceMap sourceMap) {

    public LoadedManifest {
        Objects.requireNonNull(document, "document");
        Objects.requireNonNull(release, "release");
        warnings = List.copyOf(warnings);
        Objects.requireNonNull(sourceMap, "sourceMap");
    }

    public String sourceName() {
        return document.sourceName();
    }
}
