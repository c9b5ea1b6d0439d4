package io.jenkins.plugins.releasetrain.ledger;

import io.jenkins.plugins.releasetrain.manifest.LoadedManifest;
import java.util.Objects;
import java.util.Optional;

/**
 * The manifest of the release live as a whole in an environment, as the run that made it live recorded it: what
 * git should say runs there (after a rollback, it says the release that was rolled back until it is told again).
 *
 * @param run the run that made the live release live (a rollback, after one)
 * @param manifest its recorded manifest, loaded again
 */
public record LiveManifest(ReleaseRun run, LoadedManifest manifest) {

    public LiveManifest {
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(manifest, "manifest");
    }

    /**
     * The live release's manifest; empty when no release is live as a whole (nothing ran, or only part of one).
     *
     * @throws LedgerException when the recorded text no longer loads or does not hash to the recorded release id
     */
    public static Optional<LiveManifest> of(EnvironmentLedger ledger) {
        Optional<ReleaseRun> live = ledger.standing().live().map(ReleaseStanding.Coverage::run);
        if (live.isEmpty()) {
            return Optional.empty();
        }
        ReleaseRun run = live.get();
        return Optional.of(new LiveManifest(run, run.started().manifest()));
    }

    /** Where it comes from, for a reviewer: "run R of the ledger (rollback to run T)". */
    public String describe() {
        return "run " + run.runId() + " of the ledger"
                + run.rollback().map(r -> " (" + r.describe() + ")").orElse("");
    }
}
