package io.jenkins.plugins.releasetrain.manifest;

/**
 * What is wrong with one value, before it is placed in a file: the reader turns it into a {@link
 * Diagnostic} at the value's position.
 *
 * @param message a predicate about the value, read after its name: "is not a semantic version"
 * @param hint what to do about it, or {@code null}
 */
public record Problem(Severity severity, String message, String hint) {

    public static Problem error(String message, String hint) {
        return new Problem(Severity.ERROR, message, hint);
    }

    public static Problem warning(String message, String hint) {
        return new Problem(Severity.WARNING, message, hint);
    }
}
