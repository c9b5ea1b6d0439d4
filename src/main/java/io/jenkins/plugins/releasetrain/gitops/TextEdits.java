package io.jenkins.plugins.releasetrain.gitops;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Replacements of char ranges of one text, applied together. Ranges never overlap; insertions at the same
 * offset keep the order in which they were added.
 */
final class TextEdits {

    private record Edit(int start, int end, String replacement, int order) {}

    private final List<Edit> edits = new ArrayList<>();

    void replace(int start, int end, String replacement) {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad range " + start + ".." + end);
        }
        edits.add(new Edit(start, end, replacement, edits.size()));
    }

    void insert(int at, String text) {
        replace(at, at, text);
    }

    boolean isEmpty() {
        return edits.isEmpty();
    }

    String applyTo(String text) {
        List<Edit> ordered = new ArrayList<>(edits);
        ordered.sort(
                Comparator.comparingInt(Edit::start).thenComparingInt(Edit::end).thenComparingInt(Edit::order));
        for (int i = 1; i < ordered.size(); i++) {
            Edit previous = ordered.get(i - 1);
            Edit next = ordered.get(i);
            if (next.start() < previous.end()) {
                throw new IllegalStateException("overlapping edits at " + previous + " and " + next);
            }
        }
        StringBuilder out = new StringBuilder(text.length() + 256);
        int copied = 0;
        for (Edit edit : ordered) {
            out.append(text, copied, edit.start()).append(edit.replacement());
            copied = edit.end();
        }
        return out.append(text, copied, text.length()).toString();
    }
}
