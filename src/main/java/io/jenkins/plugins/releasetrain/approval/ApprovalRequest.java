package io.jenkins.plugins.releasetrain.approval;

import io.jenkins.plugins.releasetrain.manifest.ReleaseId;
import io.jenkins.plugins.releasetrain.plan.ReleasePlan;
import java.util.Objects;

/**
 * Everything a decision looks at besides the rule and the time: which release (its id, environment and
 * content), whether its plan has anything to deploy, the history, and the people involved.
 */
public record ApprovalRequest(
        ReleaseId releaseId,
        String environment,
        ReleaseContent content,
        boolean hasWork,
        ApprovalHistory history,
        Participants participants,
        NameKeys names) {

    public ApprovalRequest {
        Objects.requireNonNull(names, "names");
        Objects.requireNonNull(releaseId, "releaseId");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(history, "history");
        Objects.requireNonNull(participants, "participants");
    }

    public static ApprovalRequest of(ReleasePlan plan, ApprovalHistory history, Participants participants) {
        return new ApprovalRequest(
                plan.target().id(),
                plan.target().environment().name(),
                ReleaseContent.of(plan.target()),
                plan.hasWork(),
                history,
                participants,
                NameKeys.CASE_INSENSITIVE);
    }

    /** The same request, comparing user ids and group names as {@code keys} does (a security realm's rules). */
    public ApprovalRequest comparingNamesWith(NameKeys keys) {
        return new ApprovalRequest(releaseId, environment, content, hasWork, history, participants, keys);
    }

    public ApprovalRequest withHistory(ApprovalHistory newHistory) {
        return new ApprovalRequest(releaseId, environment, content, hasWork, newHistory, participants, names);
    }
}
