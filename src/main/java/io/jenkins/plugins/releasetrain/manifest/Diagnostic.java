package io.jenkins.plugins.releasetrain.manifest;

import java.util.Objects;

/**
 * One finding about a manifest, printed the way compilers print them so that terminals and editors link
 * straight to the spot: {@code FILE:LINE:COL: error: message}, then the hint on its own line.
 *
 * @param hint what to do about it, or {@code null} when the message says it all
 */
public record Diagnostic(Severity severity, SourcePosition position, String message, String hint) {

    public Diagnostic {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(message, "message");
    }

    public static Diagnostic error(SourcePosition position, String message, String hint) {
        return new Diagnostic(Severity.ERROR, position, message, hint);
    }

    public static Diagnostic warning(SourcePosition position, String message, String hint) {
        return new Diagnostic(Severity.WARNING, position, message, hint);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** The compiler-style line, with the hint indented below it when there is one. */
    public String format() {
        String line = position + ": " + severity.label() + ": " + message;
        return hint == null ? line : line + System.lineSeparator() + "  hint: " + hint;
    }

    /**
     * "2 errors in the release manifest:" followed by each diagnostic, as the message of an exception that
     * carries them.
     */
    public static String summary(String subject, java.util.List<Diagnostic> diagnostics) {
        long errors = diagnostics.stream().filter(Diagnostic::isError).count();
        String header = (errors == 1 ? "1 error in " : errors + " errors in ") + subject + ":";
        return diagnostics.stream()
                .map(Diagnostic::format)
                .collect(java.util.stream.Collectors.joining(
                        System.lineSeparator(), header + System.lineSeparator(), ""));
    }

    @Override
    public String toString() {
        return format();
    }
}
