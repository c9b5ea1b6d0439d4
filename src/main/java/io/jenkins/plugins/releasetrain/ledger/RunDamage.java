package io.jenkins.plugins.releasetrain.ledger;

import java.util.Optional;

/**
 * Says, for people, why a run's record may be incomplete: records written while it was under way could not be
 * read. History, state and the board show it with the run, so that a damaged run never reads as a clean
 * success.
 */
public final class RunDamage {

    private RunDamage() {}

    public static Optional<String> describe(ReleaseRun run) {
        if (!run.isDamaged()) {
            return Optional.empty();
        }
        long n = run.damagedRecords();
        return Optional.of((n == 1 ? "1 ledger record" : n + " ledger records")
                + " written during this run could not be read (damaged): its results may be incomplete,"
                + " and it may have changed more than is shown");
    }
}
