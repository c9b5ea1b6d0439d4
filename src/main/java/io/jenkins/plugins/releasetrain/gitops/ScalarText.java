package io.jenkins.plugins.releasetrain.gitops;

import io.jenkins.plugins.releasetrain.manifest.YamlScalar;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Writes a new value the way the old one was written: plain stays plain (when the value can be plain),
 * single quotes stay single, double quotes stay double. Block scalars ({@code |}, {@code >}) hold no
 * manifest value and are refused rather than guessed.
 */
final class ScalarText {

    /** Safe as a plain scalar anywhere: starts with a letter or digit, then letters, digits and {@code ._/+-}. */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/+-]*");

    private ScalarText() {}

    static String render(String value, YamlScalar.Style style, String where) {
        return switch (style) {
            case PLAIN -> PLAIN.matcher(value).matches() ? value : doubleQuoted(value);
            case SINGLE_QUOTED -> value.contains("\n") ? doubleQuoted(value) : "'" + value.replace("'", "''") + "'";
            case DOUBLE_QUOTED -> doubleQuoted(value);
            case LITERAL, FOLDED ->
                throw new PromotionNotPossibleException(
                        where + " is written as a block scalar ('|' or '>'), which promote does not rewrite",
                        "write the value on one line (key: value) and run promote again");
        };
    }

    static String doubleQuoted(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        value.codePoints().forEach(c -> {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format(Locale.ROOT, "\\x%02x", c));
                    } else {
                        out.appendCodePoint(c);
                    }
                }
            }
        });
        return out.append('"').toString();
    }
}
