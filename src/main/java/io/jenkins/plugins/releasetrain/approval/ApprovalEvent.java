package io.jenkins.plugins.releasetrain.approval;

import io.jenkins.plugins.releasetrain.manifest.ReleaseId;
import java.time.Instant;
import java.util.Objects;

/**
 * One approval, rejection, emergency override or bypass as the ledger keeps it: by whom (with the groups
 * and admin flag they had then), for which content, when, and why.
 */
public record ApprovalEvent(
        ReleaseId releaseId, String environment, Identity actor, ApprovalAction action, String comment, Instant at) {

    public ApprovalEvent {
        Objects.requireNonNull(releaseId, "releaseId");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        comment = comment == null ? "" : comment;
        Objects.requireNonNull(at, "at");
    }
}
