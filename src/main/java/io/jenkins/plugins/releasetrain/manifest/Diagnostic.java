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

    @Override
    public String toString() {
        return format();
    }
}
