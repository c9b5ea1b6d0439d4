package io.jenkins.plugins.releasetrain.board;

import java.util.List;
import java.util.Objects;

/**
 * What the version live in a cell brought, compared with the one live there before it: a one-line summary
 * ("4 commits", "rolls back 2 commits") and the commits as lines for people ({@code 4f545ec8f09c 2026-11-30
 * Alice Author  Fix the login redirect (#41)}).
 *
 * @param more commits counted but not listed
 */
public record CellChanges(String summary, List<String> commits, int more) {

    public CellChanges {
        Objects.requireNonNull(summary, "summary");
        commits = List.copyOf(commits);
    }
}
