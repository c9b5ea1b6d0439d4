package io.jenkins.plugins.releasetrain.manifest;

import java.util.List;

/**
 * A manifest that cannot be used: it carries every error found (validation collects them all at once), so
 * the user can fix the file in one pass. Warnings found on the way travel with it too.
 */
public class ManifestException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final List<Diagnostic> diagnostics;

    public ManifestException(List<Diagnostic> diagnostics) {
        super(Diagnostic.summary("the release manifest", diagnostics));
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
}
