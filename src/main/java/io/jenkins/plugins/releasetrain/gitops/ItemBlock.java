package io.jenkins.plugins.releasetrain.gitops;

import io.jenkins.plugins.releasetrain.manifest.YamlMapping;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The lines a block list item takes in a manifest: from its {@code - } line (and the comment lines
 * directly above it, at the dash's indentation, which describe it) to the line of its last value. Only
 * the block layout every example uses is accepted ({@code - key: value} with the first key on the dash
 * line, the rest indented deeper); anything else is refused so that no edit can guess.
 *
 * @param firstLine first line, counting attached comments (0-based)
 * @param dashLine the line of the {@code -}
 * @param lastLine the line of the item's last value
 * @param dashColumn the indentation of the {@code -}
 */
record ItemBlock(int firstLine, int dashLine, int lastLine, int dashColumn) {

    private static final Pattern DASH_PREFIX = Pattern.compile("( *)- +");
    private static final Pattern COMMENT = Pattern.compile(" *#.*");

    static ItemBlock of(ManifestText text, YamlMapping item, String what) {
        if (item.entries().isEmpty()) {
            throw unusualLayout(what);
        }
        int keyStart = text.charIndex(item.entries().get(0).key().startIndex());
        int dashLine = text.lineOf(keyStart);
        Matcher dash = DASH_PREFIX.matcher(text.text().substring(text.lineStart(dashLine), keyStart));
        if (!dash.matches()) {
            throw unusualLayout(what);
        }
        int dashColumn = dash.group(1).length();
        int[] last = {keyStart};
        ManifestNodes.scalars(item, scalar -> {
            // An empty value has no extent of its own; the parser may place it at the next token.
            if (scalar.endIndex() > scalar.startIndex()) {
                last[0] = Math.max(last[0], text.charIndex(scalar.endIndex()) - 1);
            }
        });
        int lastLine = text.lineOf(last[0]);
        for (int line = dashLine + 1; line <= lastLine; line++) {
            String content = text.line(line);
            if (!content.isBlank() && !COMMENT.matcher(content).matches() && indentation(content) <= dashColumn) {
                throw unusualLayout(what);
            }
        }
        int firstLine = dashLine;
        while (firstLine > 0
                && COMMENT.matcher(text.line(firstLine - 1)).matches()
                && indentation(text.line(firstLine - 1)) == dashColumn) {
            firstLine--;
        }
        return new ItemBlock(firstLine, dashLine, lastLine, dashColumn);
    }

    static int indentation(String line) {
        int i = 0;
        while (i < line.length() && line.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    private static PromotionNotPossibleException unusualLayout(String what) {
        return new PromotionNotPossibleException(
                what + " is not written as a block list item ('- key: value' with the other keys indented below)",
                "make that change by hand (copy the item from the source manifest), commit it, and run promote"
                        + " again for the rest");
    }
}
