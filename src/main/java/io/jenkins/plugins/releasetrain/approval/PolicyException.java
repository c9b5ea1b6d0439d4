package io.jenkins.plugins.releasetrain.approval;

import io.jenkins.plugins.releasetrain.manifest.Diagnostic;
import java.util.List;
import java.util.stream.Collectors;

/** A policy file that cannot be used, with every error found in it, each at its line and column. */
public class PolicyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final List<Diagnostic> diagnostics;

    public PolicyException(List<Diagnostic> diagnostics) {
        super(summary(diagnostics));
        this.diagnostics = List.copyOf(diagnostics);
    }

    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }

    public List<Diagnostic> errors() {
        return diagnostics.stream().filter(Diagnostic::isError).toList();
    }

    private static String summary(List<Diagnostic> diagnostics) {
        long errors = diagnostics.stream().filter(Diagnostic::isError).count();
        String header = errors == 1 ? "1 error in the policy file" : errors + " errors in the policy file";
        return diagnostics.stream()
                .map(Diagnostic::format)
                .collect(Collectors.joining(System.lineSeparator(), header + ":" + System.lineSeparator(), ""));
    }
}
