package io.jenkins.plugins.releasetrain.approval;

import io.jenkins.plugins.releasetrain.manifest.ReleaseId;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * One approval, rejection, emergency override or bypass as the ledger keeps it: by whom (with the groups
 * and admin flag they had then), for which content, when, and why.
 *
 * @param dropsHotfixOn the artifacts whose live hotfix the person knew the release takes away, when they approved
 *     it so (empty for an ordinary approval)
 */
public record ApprovalEvent(
        ReleaseId releaseId,
        String environment,
        Identity actor,
        ApprovalAction action,
        String comment,
        Instant at,
        Set<String> dropsHotfixOn) {

    /** An event given without knowing of any live hotfix the release takes away. */
    public ApprovalEvent(
            ReleaseId releaseId,
            String environment,
            Identity actor,
            ApprovalAction action,
            String comment,
            Instant at) {
        this(releaseId, environment, actor, action, comment, at, Set.of());
    }

    public ApprovalEvent {
        Objects.requireNonNull(releaseId, "releaseId");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        comment = comment == null ? "" : comment;
        Objects.requireNonNull(at, "at");
        dropsHotfixOn = Set.copyOf(dropsHotfixOn);
    }
}
