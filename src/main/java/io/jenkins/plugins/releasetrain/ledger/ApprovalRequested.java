package io.jenkins.plugins.releasetrain.ledger;

import io.jenkins.plugins.releasetrain.manifest.ReleaseId;
import java.time.Instant;
import java.util.Objects;

/**
 * Someone asked to run a release in a protected environment and its rule said not yet: nothing ran, but the
 * release now waits there, and history and the board show it waiting, whoever asked.
 *
 * @param reason the rule's decision, for people: what is missing ("it needs 1 more approval from ...")
 */
public record ApprovalRequested(ReleaseId releaseId, String environment, String actor, Instant time, String reason)
        implements LedgerRecord {

    public ApprovalRequested {
        Objects.requireNonNull(releaseId, "releaseId");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(reason, "reason");
    }
}
