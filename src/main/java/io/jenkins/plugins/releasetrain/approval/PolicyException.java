package io.jenkins.plugins.releasetrain.approval;

import io.jenkins.plugins.releasetrain.manifest.Diagnostic;
import java.util.List;

/** A policy file that cannot be used, with every error found in it, each at its line and column. */
public class PolicyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final List<Diagnostic> diagnostics;

    public PolicyException(List<Diagnostic> diagnostics) {
        super(Diagnostic.summary("the policy file", diagnostics));
        this.diagnostics = List.copyOf(diagnostics);
    }

    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }

    public List<Diagnostic> errors() {
        return diagnostics.stream().filter(Diagnostic::isError).toList();
    }
}
