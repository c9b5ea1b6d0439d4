package io.jenkins.plugins.releasetrain.approval;

import io.jenkins.plugins.releasetrain.manifest.ReleaseId;
import io.jenkins.plugins.releasetrain.plan.ReleasePlan;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Everything a decision looks at besides the rule and the time: which release (its id, environment and
 * content), whether its plan has anything to deploy, the history, and the people involved.
 *
 * @param rollback present when the release goes back to content that ran here before
 * @param hotfix whether the release is a hotfix: decided by the rule's hotfix lane ({@link HotfixLane})
 */
public record ApprovalRequest(
        ReleaseId releaseId,
        String environment,
        ReleaseContent content,
        boolean hasWork,
        ApprovalHistory history,
        Participants participants,
        NameKeys names,
        Optional<RollbackRequest> rollback,
        boolean hotfix,
        Set<String> droppingHotfixOn) {

    public ApprovalRequest(
            ReleaseId releaseId,
            String environment,
            ReleaseContent content,
            boolean hasWork,
            ApprovalHistory history,
            Participants participants,
            NameKeys names) {
        this(releaseId, environment, content, hasWork, history, participants, names, Optional.empty(), false, Set.of());
    }

    public ApprovalRequest {
        Objects.requireNonNull(rollback, "rollback");
        Objects.requireNonNull(names, "names");
        Objects.requireNonNull(releaseId, "releaseId");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(history, "history");
        Objects.requireNonNull(participants, "participants");
        droppingHotfixOn = Set.copyOf(droppingHotfixOn);
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
        return new ApprovalRequest(
                releaseId,
                environment,
                content,
                hasWork,
                history,
                participants,
                keys,
                rollback,
                hotfix,
                droppingHotfixOn);
    }

    public ApprovalRequest withHistory(ApprovalHistory newHistory) {
        return new ApprovalRequest(
                releaseId,
                environment,
                content,
                hasWork,
                newHistory,
                participants,
                names,
                rollback,
                hotfix,
                droppingHotfixOn);
    }

    /** The same request as a rollback: its own approvals, no promotion order (see {@link RollbackRule}). */
    public ApprovalRequest asRollback(RollbackRequest value) {
        return new ApprovalRequest(
                releaseId,
                environment,
                content,
                hasWork,
                history,
                participants,
                names,
                Optional.of(value),
                hotfix,
                droppingHotfixOn);
    }

    /** The same request as a hotfix: decided by the rule's hotfix lane, when it has one. */
    public ApprovalRequest asHotfix() {
        return new ApprovalRequest(
                releaseId,
                environment,
                content,
                hasWork,
                history,
                participants,
                names,
                rollback,
                true,
                droppingHotfixOn);
    }

    /**
     * The same request for a release that takes the live hotfix away from {@code artifactIds}: only approvals given
     * knowing it (that name those artifacts) count, as an approval of the content alone did not weigh the fix.
     */
    public ApprovalRequest droppingHotfixes(Set<String> artifactIds) {
        return new ApprovalRequest(
                releaseId, environment, content, hasWork, history, participants, names, rollback, hotfix, artifactIds);
    }

    public boolean isRollback() {
        return rollback.isPresent();
    }
}
