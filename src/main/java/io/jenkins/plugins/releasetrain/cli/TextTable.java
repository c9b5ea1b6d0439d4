package io.jenkins.plugins.releasetrain.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A table aligned on plain-text widths; colour is applied per cell after padding so escape codes never
 * break the alignment.
 */
public final class TextTable {

    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();
    private final List<List<UnaryOperator<String>>> styles = new ArrayList<>();

    public TextTable(String... headers) {
        this.headers = List.of(headers);
    }

    public TextTable row(String... cells) {
        return styledRow(List.of(cells), List.of());
    }

    /** A row whose cell {@code i} is drawn through {@code style.get(i)} when there is one. */
    public TextTable styledRow(List<String> cells, List<UnaryOperator<String>> style) {
        if (cells.size() != headers.size()) {
            throw new IllegalArgumentException("expected " + headers.size() + " cells, got " + cells.size());
        }
        rows.add(List.copyOf(cells));
        styles.add(new ArrayList<>(style));
        return this;
    }

    public void print(Terminal terminal) {
        int[] widths = new int[headers.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = headers.get(i).length();
            for (List<String> row : rows) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        terminal.out().println(terminal.bold(line(headers, widths, List.of())));
        for (int r = 0; r < rows.size(); r++) {
            terminal.out().println(line(rows.get(r), widths, styles.get(r)));
        }
    }

    private static String line(List<String> cells, int[] widths, List<UnaryOperator<String>> style) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            String cell = cells.get(i);
            boolean last = i == cells.size() - 1;
            String padded = last ? cell : cell + " ".repeat(widths[i] - cell.length() + 2);
            out.append(i < style.size() && style.get(i) != null ? style.get(i).apply(padded) : padded);
        }
        return out.toString().stripTrailing();
    }
}
