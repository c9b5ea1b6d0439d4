package io.jenkins.plugins.releasetrain.manifest;

import java.util.Locale;

/**
 * Text from outside (manifest values, user names, commit subjects) made safe to show on a terminal or a
 * page: control characters, line and paragraph separators and invisible format characters (bidirectional
 * overrides) are shown as {@code \u001b} escapes, and the length is bounded.
 */
public final class PrintableText {

    private PrintableText() {}

    /** {@code text} with every unsafe character escaped, cut to {@code maxChars} with "..." when longer. */
    public static String of(String text, int maxChars) {
        String shown = text.length() > maxChars ? text.substring(0, Math.max(0, maxChars - 3)) + "..." : text;
        StringBuilder out = new StringBuilder(shown.length());
        shown.codePoints().forEach(c -> {
            if (unsafe(c)) {
                out.append(String.format(Locale.ROOT, "\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    /** As {@link #of}, keeping line feeds and tabs: for multi-line text such as a manifest or a handler's output. */
    public static String lines(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (c != '\n' && c != '\t' && unsafe(c)) {
                out.append(String.format(Locale.ROOT, "\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    private static boolean unsafe(int c) {
        return Character.isISOControl(c) || c == 0x2028 || c == 0x2029 || Character.getType(c) == Character.FORMAT;
    }
}
