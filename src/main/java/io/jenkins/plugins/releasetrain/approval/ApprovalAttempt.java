package io.jenkins.plugins.releasetrain.approval;

import java.util.Objects;
import java.util.Set;

/**
 * Someone approving, rejecting, overriding a freeze or bypassing, now: what {@link ApprovalGate#judge} weighs.
 *
 * @param dropsHotfixOn the artifacts whose live hotfix the person was shown the release takes away (empty when none)
 */
public record ApprovalAttempt(Identity actor, ApprovalAction action, String comment, Set<String> dropsHotfixOn) {

    public ApprovalAttempt(Identity actor, ApprovalAction action, String comment) {
        this(actor, action, comment, Set.of());
    }

    public ApprovalAttempt {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        comment = comment == null ? "" : comment;
        dropsHotfixOn = Set.copyOf(dropsHotfixOn);
    }
}
