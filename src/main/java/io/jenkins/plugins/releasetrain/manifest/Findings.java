package io.jenkins.plugins.releasetrain.manifest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects the diagnostics of one manifest check, to report them all at once in file order. */
final class Findings {

    private final List<Diagnostic> diagnostics = new ArrayList<>();

    void add(Diagnostic diagnostic) {
        diagnostics.add(diagnostic);
    }

    void error(SourcePosition position, String message, String hint) {
        add(Diagnostic.error(position, message, hint));
    }

    void warning(SourcePosition position, String message, String hint) {
        add(Diagnostic.warning(position, message, hint));
    }

    boolean hasErrors() {
        return diagnostics.stream().anyMatch(Diagnostic::isError);
    }

    List<Diagnostic> sorted() {
        return diagnostics.stream()
                .sorted(Comparator.comparingInt((Diagnostic d) -> d.position().line())
                        .thenComparingInt(d -> d.position().column()))
                .toList();
    }
}
