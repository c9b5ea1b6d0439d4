package io.jenkins.plugins.releasetrain.approval;

import java.util.Objects;

/**
 * An answer that was given through a release's own prompt: the authenticated user who gave it, what they chose
 * among the prompt's actions, and their comment. It still has to be judged by {@link ApprovalGate#judge}.
 */
public record BoundAnswer(String approver, ApprovalAction action, String comment) {

    public BoundAnswer {
        Objects.requireNonNull(approver, "approver");
        Objects.requireNonNull(action, "action");
        comment = comment == null ? "" : comment;
    }
}
