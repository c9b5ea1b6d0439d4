package io.jenkins.plugins.releasetrain.cli;

import java.io.PrintWriter;

/**
 * Where a command writes, and whether it may use colour: only on an interactive terminal, and never when
 * {@code NO_COLOR} is set (https://no-color.org), so logs and pipes get plain text.
 */
public record Terminal(PrintWriter out, PrintWriter err, boolean colour) {

    private static final String RESET = "\u001B[0m";

    public static boolean colourWanted() {
        return System.console() != null && System.getenv("NO_COLOR") == null && !"dumb".equals(System.getenv("TERM"));
    }

    public String bold(String text) {
        return paint("\u001B[1m", text);
    }

    public String green(String text) {
        return paint("\u001B[32m", text);
    }

    public String yellow(String text) {
        return paint("\u001B[33m", text);
    }

    public String red(String text) {
        return paint("\u001B[31m", text);
    }

    public String dim(String text) {
        return paint("\u001B[2m", text);
    }

    private String paint(String code, String text) {
        return colour ? code + text + RESET : text;
    }
}
