package io.jenkins.plugins.releasetrain.ledger;

import io.jenkins.plugins.releasetrain.manifest.ReleaseId;
import java.time.Instant;

/**
 * One fact the ledger keeps. Every record says when it happened, who caused it and which release (content
 * hash) it is about; the ledger adds a sequence number and a checksum when it writes it ({@link
 * LedgerEntry}).
 */
public sealed interface LedgerRecord
        permits ReleaseStarted,
                ArtifactStarted,
                ArtifactResult,
                ApprovalRequested,
                ApprovalRecorded,
                ReleaseFinished,
                ReleaseVerified {

    ReleaseId releaseId();

    /** The person or system account that caused the record: the run's actor, the approver. */
    String actor();

    Instant time();
}
