package io.jenkins.plugins.releasetrain.record;

import io.jenkins.plugins.releasetrain.changelog.ImageOrigins;
import io.jenkins.plugins.releasetrain.ledger.EnvironmentLedger;
import io.jenkins.plugins.releasetrain.ledger.ReleaseRun;

/** Entry points a record's caller needs beyond the record itself. */
public final class ReleaseRecords {

    private ReleaseRecords() {}

    /**
     * Image origins for {@code run}'s changelog, read from {@code registry} at the digests the ledger recorded
     * rather than at what the tags point at now.
     */
    public static ImageOrigins pinned(EnvironmentLedger ledger, ReleaseRun run, ImageOrigins registry) {
        return new RecordedImageOrigins(ledger, run, registry);
    }
}
