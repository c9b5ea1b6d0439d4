package io.jenkins.plugins.releasetrain.cli;

import io.jenkins.plugins.releasetrain.approval.ApprovalAction;
import io.jenkins.plugins.releasetrain.approval.Approvers;
import io.jenkins.plugins.releasetrain.approval.AttemptResult;
import io.jenkins.plugins.releasetrain.approval.Decision;
import io.jenkins.plugins.releasetrain.approval.Shortfall;
import io.jenkins.plugins.releasetrain.ledger.ArtifactStatus;
import io.jenkins.plugins.releasetrain.ledger.ReleaseStatus;
import io.jenkins.plugins.releasetrain.ledger.RollbackOf;
import io.jenkins.plugins.releasetrain.ledger.RunId;
import io.jenkins.plugins.releasetrain.notify.EventType;
import io.jenkins.plugins.releasetrain.notify.Notifications;
import io.jenkins.plugins.releasetrain.notify.ReleaseEvent;
import io.jenkins.plugins.releasetrain.notify.Secrets;
import io.jenkins.plugins.releasetrain.notify.Webhook;
import io.jenkins.plugins.releasetrain.notify.WebhookSender;
import io.jenkins.plugins.releasetrain.plan.RunListener;
import io.jenkins.plugins.releasetrain.plan.RunPreview;
import io.jenkins.plugins.releasetrain.plan.RunReport;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The release events the command line sends to the policy file's webhooks, made from what it decided and ran. */
final class ReleaseNotices {

    private ReleaseNotices() {}

    /** Notifications to {@code webhooks}, saying on stderr what could not be delivered. */
    static Notifications open(List<Webhook> webhooks, Terminal terminal) {
        if (webhooks.isEmpty()) {
            return Notifications.none();
        }
        return new Notifications(
                webhooks,
                WebhookSender.create(Secrets.fromProcess()),
                line -> terminal.err().println(terminal.yellow("release-train: " + line)));
    }

    /** A decision that keeps a release from running: awaiting approval, or frozen. */
    static Optional<ReleaseEvent> refused(Decision decision, String requester) {
        if (decision.isAllowed()
                || decision instanceof Decision.Refused refused && refused.reason() != Decision.RefusalReason.FROZEN) {
            return Optional.empty();
        }
        boolean frozen = decision instanceof Decision.Refused;
        ReleaseEvent event = ReleaseEvent.of(
                        frozen ? EventType.FROZEN : EventType.AWAITING_APPROVAL,
                        decision.environment(),
                        decision.releaseId().value(),
                        Optional.empty(),
                        Instant.now(),
                        decision.message())
                .withDetail("requestedBy", requester);
        List<String> from = new ArrayList<>();
        if (decision instanceof Decision.NeedsApprovals needs) {
            for (Shortfall shortfall : needs.shortfalls()) {
                from.add(shortfall.missing() + " of " + who(shortfall.from()));
            }
        }
        if (!from.isEmpty()) {
            event = event.withDetail("approvalsNeeded", String.join("; ", from));
        }
        return Optional.of(event);
    }

    private static String who(Approvers approvers) {
        List<String> names = new ArrayList<>(approvers.users());
        approvers.groups().forEach(g -> names.add("group " + g));
        return String.join(", ", names);
    }

    /** An approval, override, bypass or rejection that was recorded. */
    static ReleaseEvent attempt(AttemptResult result, ApprovalAction action, String actor) {
        Decision decision = result.decision();
        boolean rejection = action == ApprovalAction.REJECT;
        return ReleaseEvent.of(
                        rejection ? EventType.REJECTED : EventType.APPROVED,
                        decision.environment(),
                        decision.releaseId().value(),
                        Optional.empty(),
                        Instant.now(),
                        actor + " " + action.pastTense() + " release "
                                + decision.releaseId().shortForm() + " for " + decision.environment() + ". "
                                + decision.message())
                .withDetail("actor", actor)
                .withDetail("action", action.label())
                .withDetail("mayRun", Boolean.toString(decision.isAllowed()));
    }

    /** A listener that says when a run starts, around the one that prints progress. */
    static RunListener announcing(RunListener progress, Notifications notifications, String kind) {
        return new RunListener() {
            @Override
            public void waitingForLock(io.jenkins.plugins.releasetrain.ledger.EnvironmentLockedException locked) {
                progress.waitingForLock(locked);
            }

            @Override
            public void staleLockReplaced(io.jenkins.plugins.releasetrain.ledger.LockHolder stale) {
                progress.staleLockReplaced(stale);
            }

            @Override
            public void started(RunId runId, RunPreview preview) {
                progress.started(runId, preview);
                notifications.publish(ReleaseEvent.of(
                        EventType.STARTED,
                        preview.release().environment().name(),
                        preview.release().id().value(),
                        Optional.of(runId.value()),
                        Instant.now(),
                        preview.release().environment().name() + ": " + kind + " "
                                + preview.release().id().shortForm() + " started (run " + runId + "), "
                                + preview.runnable().size() + " to run"));
            }

            @Override
            public void recorded(io.jenkins.plugins.releasetrain.ledger.ArtifactResult result) {
                progress.recorded(result);
            }

            @Override
            public void verifying(RunId runId) {
                progress.verifying(runId);
            }
        };
    }

    /** How a run ended: succeeded or failed, then a failed verification; a rollback that succeeded is rolled back. */
    static List<ReleaseEvent> finished(RunReport report, Optional<RollbackOf> rollback) {
        return finished(report, rollback, false);
    }

    /** As {@link #finished(RunReport, Optional)}; a hotfix that succeeded is announced as such too. */
    static List<ReleaseEvent> finished(RunReport report, Optional<RollbackOf> rollback, boolean hotfix) {
        if (report.runId().isEmpty()) {
            return List.of();
        }
        String environment = report.preview().release().environment().name();
        String release = report.preview().release().id().value();
        Optional<String> runId = report.runId().map(RunId::value);
        String what = (rollback.isPresent() ? "rollback to release " : "release ")
                + report.preview().release().id().shortForm();
        List<ReleaseEvent> events = new ArrayList<>();
        boolean succeeded = report.status() == ReleaseStatus.SUCCEEDED;
        EventType type = succeeded && rollback.isPresent()
                ? EventType.ROLLED_BACK
                : succeeded ? EventType.SUCCEEDED : EventType.FAILED;
        ReleaseEvent ended = ReleaseEvent.of(
                        type,
                        environment,
                        release,
                        runId,
                        Instant.now(),
                        environment + ": " + what + " " + report.status().label() + " ("
                                + report.count(ArtifactStatus.SUCCEEDED) + " deployed, "
                                + report.count(ArtifactStatus.FAILED) + " failed)")
                .withDetail("status", report.status().label());
        if (rollback.isPresent()) {
            RollbackOf of = rollback.get();
            ended = ended.withDetail("rollbackTo", of.to().value()).withDetail("reason", of.reason());
            if (of.fromRelease().isPresent()) {
                ended = ended.withDetail("rolledBackRelease", of.fromRelease().get());
            }
        }
        events.add(ended);
        if (succeeded && hotfix) {
            events.add(ReleaseEvent.of(
                    EventType.HOTFIX,
                    environment,
                    release,
                    runId,
                    Instant.now(),
                    environment + ": hotfix " + report.preview().release().id().shortForm()
                            + " is live; the environments before it do not have it yet"));
        }
        report.verification()
                .filter(v -> !v.passed())
                .ifPresent(v -> events.add(ReleaseEvent.of(
                                EventType.VERIFICATION_FAILED,
                                environment,
                                release,
                                runId,
                                Instant.now(),
                                environment + ": " + what + " failed verification: " + v.message())
                        .withDetail("attempts", Integer.toString(v.attempts()))));
        return events;
    }
}
