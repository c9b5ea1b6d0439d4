package io.jenkins.plugins.releasetrain.ledger;

import java.util.List;

/**
 * A page of an environment's runs, newest first.
 *
 * @param offset how many newer runs come before this page
 * @param total  how many runs the environment has in all
 */
public record HistoryPage(List<ReleaseRun> runs, int offset, int limit, int total) {

    public HistoryPage {
        runs = List.copyOf(runs);
    }

    public boolean hasMore() {
        return offset + runs.size() < total;
    }
}
