package io.jenkins.plugins.releasetrain.manifest;

import java.util.Objects;

/**
 * A scalar exactly as written: its text (never converted to a number or a boolean, so {@code 1.10} stays
 * {@code 1.10} and a commit SHA of digits stays a SHA), how it was quoted, and its extent in the source.
 *
 * @param value the scalar's text; empty for an empty scalar
 * @param isNull a plain {@code ~}, {@code null} or empty value
 * @param startIndex code point offset of the scalar's first character (its opening quote when quoted)
 * @param endIndex code point offset just past its last character (its closing quote when quoted)
 */
public record YamlScalar(
        String value, boolean isNull, Style style, SourcePosition position, int startIndex, int endIndex)
        implements YamlNode {

    /** How a scalar was written, so an edit can write its new value the same way. */
    public enum Style {
        PLAIN,
        SINGLE_QUOTED,
        DOUBLE_QUOTED,
        LITERAL,
        FOLDED
    }

    public YamlScalar {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(style, "style");
        Objects.requireNonNull(position, "position");
    }

    /** True when the value is absent or only white space: a required field left empty. */
    public boolean isBlank() {
        return isNull || value.isBlank();
    }

    @Override
    public String kind() {
        return "a text value";
    }
}
