package io.jenkins.plugins.releasetrain.approval;

import java.util.Objects;

/** Someone approving, rejecting, overriding a freeze or bypassing, now: what {@link ApprovalGate#judge} weighs. */
public record ApprovalAttempt(Identity actor, ApprovalAction action, String comment) {

    public ApprovalAttempt {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        comment = comment == null ? "" : comment;
    }
}
