package io.jenkins.plugins.releasetrain.jenkins;

import hudson.model.Run;
import io.jenkins.plugins.releasetrain.approval.ApprovalAction;
import io.jenkins.plugins.releasetrain.approval.ApprovalPrompt;
import io.jenkins.plugins.releasetrain.approval.Decision;
import io.jenkins.plugins.releasetrain.ledger.ReleaseFinished;
import io.jenkins.plugins.releasetrain.ledger.ReleaseStatus;
import io.jenkins.plugins.releasetrain.ledger.ReleaseVerified;
import io.jenkins.plugins.releasetrain.ledger.RollbackOf;
import io.jenkins.plugins.releasetrain.ledger.RunId;
import io.jenkins.plugins.releasetrain.manifest.Release;
import io.jenkins.plugins.releasetrain.notify.EventType;
import io.jenkins.plugins.releasetrain.notify.ReleaseEvent;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import jenkins.model.Jenkins;

/**
 * The release events of the plugin's steps, made from what the step itself read, judged and recorded, with the same
 * summaries and details as the command line's.
 */
final class ReleaseEvents {

    private ReleaseEvents() {}

    static ReleaseEvent started(Run<?, ?> run, Release release, RunId runId) {
        return linked(
                run,
                ReleaseEvent.of(
                        EventType.STARTED,
                        release.environment().name(),
                        release.id().value(),
                        Optional.of(runId.value()),
                        Instant.now(),
                        release.environment().name() + ": release "
                                + release.id().shortForm() + " started (run " + runId.value() + ")"));
    }

    /**
     * Succeeded, or failed (a cancelled run too, as {@code details.status} says); a rollback that succeeded is
     * rolled back, as the command line says it.
     */
    static ReleaseEvent finished(Run<?, ?> run, Release release, RunId runId, ReleaseFinished finished) {
        ReleaseStatus status = finished.status();
        Optional<ReleaseRollback> rollback =
                ReadReleases.rollback(run, release.id().value());
        if (rollback.isPresent()) {
            return rolledBack(run, release, runId, status, rollback.get());
        }
        return linked(
                        run,
                        ReleaseEvent.of(
                                status == ReleaseStatus.SUCCEEDED ? EventType.SUCCEEDED : EventType.FAILED,
                                release.environment().name(),
                                release.id().value(),
                                Optional.of(runId.value()),
                                Instant.now(),
                                release.environment().name() + ": release "
                                        + release.id().shortForm() + " " + status.label() + " (run " + runId.value()
                                        + ")"))
                .withDetail("status", status.label());
    }

    /** A hotfix run succeeded: live here, not yet in the environments before this one. */
    static ReleaseEvent hotfix(Run<?, ?> run, Release release, RunId runId) {
        return linked(
                run,
                ReleaseEvent.of(
                        EventType.HOTFIX,
                        release.environment().name(),
                        release.id().value(),
                        Optional.of(runId.value()),
                        Instant.now(),
                        release.environment().name() + ": hotfix "
                                + release.id().shortForm()
                                + " is live; the environments before it do not have it yet"));
    }

    /** The end of a rollback: {@code rolled-back} when it succeeded, else failed; where it went, and why. */
    private static ReleaseEvent rolledBack(
            Run<?, ?> run, Release release, RunId runId, ReleaseStatus status, ReleaseRollback rollback) {
        Map<String, String> details = rollback.details();
        ReleaseEvent event = linked(
                        run,
                        ReleaseEvent.of(
                                status == ReleaseStatus.SUCCEEDED ? EventType.ROLLED_BACK : EventType.FAILED,
                                release.environment().name(),
                                release.id().value(),
                                Optional.of(runId.value()),
                                Instant.now(),
                                release.environment().name() + ": " + rollback.describe() + " (release "
                                        + release.id().shortForm() + ") " + status.label() + " (run "
                                        + runId.value() + ")"))
                .withDetail("status", status.label())
                .withDetail("rollbackTo", rollback.to())
                .withDetail("reason", details.getOrDefault(RollbackOf.REASON, RollbackOf.REQUESTED));
        String from = details.get(RollbackOf.FROM_RELEASE);
        return from == null ? event : event.withDetail("rolledBackRelease", from);
    }

    static ReleaseEvent verificationFailed(Run<?, ?> run, Release release, RunId runId, ReleaseVerified verified) {
        return linked(
                        run,
                        ReleaseEvent.of(
                                EventType.VERIFICATION_FAILED,
                                release.environment().name(),
                                release.id().value(),
                                Optional.of(runId.value()),
                                Instant.now(),
                                release.environment().name() + ": verification of release "
                                        + release.id().shortForm() + " failed: " + verified.message()))
                .withDetail("attempts", String.valueOf(verified.attempts()));
    }

    /** The prompt was issued: who may answer it, and where (the build's input page). */
    static ReleaseEvent awaitingApproval(Run<?, ?> run, Release release, Decision decision, ApprovalPrompt prompt) {
        ReleaseEvent event = linked(
                        run,
                        ReleaseEvent.of(
                                EventType.AWAITING_APPROVAL,
                                release.environment().name(),
                                release.id().value(),
                                Optional.of(ReleaseBuilds.runId(run).value()),
                                Instant.now(),
                                release.environment().name() + ": release "
                                        + release.id().shortForm() + " awaits approval. " + decision.message()))
                .withDetail("approvers", prompt.submitter())
                .withDetail("prompt", prompt.id())
                .withDetail("requestedBy", ReleaseBuilds.actor(run));
        Optional<String> build = buildUrl(run);
        return build.isPresent() ? event.withDetail("input", build.get() + "input/") : event;
    }

    static ReleaseEvent frozen(Run<?, ?> run, Release release, Decision decision) {
        return linked(
                run,
                ReleaseEvent.of(
                        EventType.FROZEN,
                        release.environment().name(),
                        release.id().value(),
                        Optional.of(ReleaseBuilds.runId(run).value()),
                        Instant.now(),
                        decision.message()));
    }

    /** An approval, override or bypass ({@code approved}), or a rejection, that reached the ledger. */
    static ReleaseEvent judged(
            Run<?, ?> run, Release release, ApprovalAction action, String actor, Decision decision, String message) {
        return linked(
                        run,
                        ReleaseEvent.of(
                                action == ApprovalAction.REJECT ? EventType.REJECTED : EventType.APPROVED,
                                release.environment().name(),
                                release.id().value(),
                                Optional.of(ReleaseBuilds.runId(run).value()),
                                Instant.now(),
                                message))
                .withDetail("actor", actor)
                .withDetail("action", action.label())
                .withDetail("mayRun", Boolean.toString(decision.isAllowed()));
    }

    static boolean isFrozen(Decision decision) {
        return decision instanceof Decision.Refused refused && refused.reason() == Decision.RefusalReason.FROZEN;
    }

    private static ReleaseEvent linked(Run<?, ?> run, ReleaseEvent event) {
        return buildUrl(run).map(event::withLink).orElse(event);
    }

    /** The build's page; none while Jenkins' root URL is not configured. */
    private static Optional<String> buildUrl(Run<?, ?> run) {
        Jenkins jenkins = Jenkins.getInstanceOrNull();
        String root = jenkins == null ? null : jenkins.getRootUrl();
        return root == null ? Optional.empty() : Optional.of(root + run.getUrl());
    }
}
