package io.jenkins.plugins.releasetrain.manifest;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A manifest that cannot be used: it carries every error found (validation collects them all at once), so
 * the user can fix the file in one pass. Warnings found on the way travel with it too.
 */
public class ManifestException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final List<Diagnostic> diagnostics;

    public ManifestException(List<Diagnostic> diagnostics) {
        super(summary(diagnostics));
        this.diagnostics = List.copyOf(diagnostics);
    }

    public ManifestException(Diagnostic diagnostic) {
        this(List.of(diagnostic));
    }

    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }

    public List<Diagnostic> errors() {
        return diagnostics.stream().filter(Diagnostic::isError).toList();
    }

    private static String summary(List<Diagnostic> diagnostics) {
        long errors = diagnostics.stream().filter(Diagnostic::isError).count();
        String header = errors == 1 ? "1 error in the release manifest" : errors + " errors in the release manifest";
        return diagnostics.stream()
                .map(Diagnostic::format)
                .collect(Collectors.joining(System.lineSeparator(), header + ":" + System.lineSeparator(), ""));
    }
}
