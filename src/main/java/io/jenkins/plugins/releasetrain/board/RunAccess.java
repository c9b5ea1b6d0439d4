package io.jenkins.plugins.releasetrain.board;

import java.util.Optional;

/**
 * What one reader of the board may see of a ledger's runs, and where each run's page is. The Jenkins board
 * asks Jenkins, per user, which jobs they may read; the command line shows every run.
 */
public interface RunAccess {

    /** Whether the reader may see a run recorded from {@code origin}: its history entry, cells and approvals. */
    boolean canSee(RunOrigin origin);

    /** The page of the run's build, absolute or relative to the board's page; empty when there is none. */
    Optional<String> page(RunOrigin origin);

    /** Every run, linked to the build page its start recorded. */
    static RunAccess everyRun() {
        return new RunAccess() {
            @Override
            public boolean canSee(RunOrigin origin) {
                return true;
            }

            @Override
            public Optional<String> page(RunOrigin origin) {
                return Optional.ofNullable(origin.url());
            }
        };
    }
}
