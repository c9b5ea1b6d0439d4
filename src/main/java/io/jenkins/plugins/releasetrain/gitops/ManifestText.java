package io.jenkins.plugins.releasetrain.gitops;

import java.util.ArrayList;
import java.util.List;

/**
 * A manifest's text seen as lines and offsets: the parser reports code point offsets, Java strings index
 * chars, and block edits work on whole lines. Keeps the file's own line ending for inserted text.
 */
final class ManifestText {

    private final String text;
    private final int[] lineStarts;
    private final int[] charOfCodePoint;

    ManifestText(String text) {
        this.text = text;
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                starts.add(i + 1);
            }
        }
        if (starts.get(starts.size() - 1) == text.length() && text.length() > 0) {
            starts.remove(starts.size() - 1);
        }
        this.lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
        this.charOfCodePoint = text.codePointCount(0, text.length()) == text.length() ? null : codePointTable(text);
    }

    private static int[] codePointTable(String text) {
        int[] table = new int[text.codePointCount(0, text.length()) + 1];
        int cp = 0;
        for (int i = 0; i < text.length(); i = text.offsetByCodePoints(i, 1)) {
            table[cp++] = i;
        }
        table[cp] = text.length();
        return table;
    }

    String text() {
        return text;
    }

    /** The char index of a code point offset, as {@code YamlScalar} reports them. */
    int charIndex(int codePointIndex) {
        return charOfCodePoint == null ? codePointIndex : charOfCodePoint[codePointIndex];
    }

    int lineCount() {
        return lineStarts.length;
    }

    /** The 0-based line holding {@code charIndex}. */
    int lineOf(int charIndex) {
        int low = 0;
        int high = lineStarts.length - 1;
        while (low < high) {
            int middle = (low + high + 1) >>> 1;
            if (lineStarts[middle] <= charIndex) {
                low = middle;
            } else {
                high = middle - 1;
            }
        }
        return low;
    }

    int lineStart(int line) {
        return lineStarts[line];
    }

    /** Where the line after {@code line} starts (past its line ending), or the end of the text. */
    int nextLineStart(int line) {
        return line + 1 < lineStarts.length ? lineStarts[line + 1] : text.length();
    }

    /** The line's text without its line ending. */
    String line(int line) {
        String raw = text.substring(lineStarts[line], nextLineStart(line));
        return raw.replaceFirst("\r?\n$", "");
    }

    boolean endsWithNewline() {
        return text.endsWith("\n");
    }

    String newline() {
        return text.contains("\r\n") ? "\r\n" : "\n";
    }
}
