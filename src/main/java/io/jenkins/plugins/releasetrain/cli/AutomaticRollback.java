package io.jenkins.plugins.releasetrain.cli;

import io.jenkins.plugins.releasetrain.approval.LedgerApprovals;
import io.jenkins.plugins.releasetrain.approval.ProtectionRule;
import io.jenkins.plugins.releasetrain.approval.RollbackRule;
import io.jenkins.plugins.releasetrain.image.ImageRegistry;
import io.jenkins.plugins.releasetrain.ledger.ReleaseVerified;
import io.jenkins.plugins.releasetrain.ledger.RollbackOf;
import io.jenkins.plugins.releasetrain.notify.Notifications;
import io.jenkins.plugins.releasetrain.plan.InvalidRunException;
import io.jenkins.plugins.releasetrain.plan.RollbackTarget;
import io.jenkins.plugins.releasetrain.plan.Rollbacks;
import io.jenkins.plugins.releasetrain.plan.RunGate;
import io.jenkins.plugins.releasetrain.plan.RunListener;
import io.jenkins.plugins.releasetrain.plan.RunPreview;
import io.jenkins.plugins.releasetrain.plan.RunReport;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code onVerificationFailure: rollback}: when a run's verification fails and its environment's rule says so, the
 * environment goes back at once to the release that was live before. The rule itself is the authority: the
 * rollback needs no approval and is recorded as automatic, with the rule's name.
 */
final class AutomaticRollback {

    private final RunSettings settings;
    private final RunApprovalGate approval;
    private final Optional<ImageRegistry> images;
    private final boolean json;
    private final Notifications notifications;

    AutomaticRollback(
            RunSettings settings,
            RunApprovalGate approval,
            Optional<ImageRegistry> images,
            boolean json,
            Notifications notifications) {
        this.settings = settings;
        this.approval = approval;
        this.images = images;
        this.json = json;
        this.notifications = notifications;
    }

    /** The rollback run after {@code report}, when its verification failed and the rule asks for one. */
    Optional<RecordedRun> after(Terminal terminal, RunReport report) throws InterruptedException {
        Optional<ReleaseVerified> failed = report.verification().filter(v -> !v.passed());
        if (failed.isEmpty()) {
            return Optional.empty();
        }
        String environment = report.preview().release().environment().name();
        Optional<ProtectionRule> rule = approval.ruleFor(environment)
                .filter(r -> r.rollback().onVerificationFailure() == RollbackRule.VerificationFailure.ROLLBACK);
        if (rule.isEmpty()) {
            return Optional.empty();
        }
        try {
            RollbackTarget target = Rollbacks.find(settings.ledger().read(environment), Optional.empty());
            RollbackRun rollback = new RollbackRun(settings, images, target, false);
            RunPreview preview = rollback.preview();
            List<String> problems = rollback.problems(preview);
            if (!problems.isEmpty()) {
                throw new InvalidRunException(String.join("; ", problems));
            }
            say(
                    terminal,
                    "Verification failed: rule '" + rule.get().name() + "' rolls " + environment
                            + " back to run " + target.target().runId() + " (release "
                            + target.target().releaseId().shortForm() + ")");
            RunListener progress = ReleaseNotices.announcing(
                    json ? RunListener.NONE : new RunProgress(terminal, rollback.source(), settings.waitTimeout),
                    notifications,
                    "automatic rollback to release");
            RunGate byRule = preview2 -> RunGate.Verdict.pass(
                    Map.of(LedgerApprovals.GROUNDS_RULE, rule.get().name()));
            try (CancelOnExit guard = CancelOnExit.install(rollback::cancel)) {
                RecordedRun run =
                        rollback.run(terminal, progress, RollbackOf.VERIFICATION_FAILED, byRule, problems2 -> {
                            say(terminal, "the automatic rollback could not start: " + String.join("; ", problems2));
                            return ExitCode.FAILED;
                        });
                run.report()
                        .ifPresent(r -> ReleaseNotices.finished(
                                        r, Optional.of(target.record(RollbackOf.VERIFICATION_FAILED)))
                                .forEach(notifications::publish));
                if (!json) {
                    run.report()
                            .ifPresent(r -> RunOutput.report(
                                    terminal, false, r, settings.ledger().file(environment)));
                }
                return Optional.of(run);
            }
        } catch (InvalidRunException e) {
            say(
                    terminal,
                    "rule '" + rule.get().name() + "' asks for a rollback after a failed verification, but "
                            + environment + " cannot be rolled back: " + e.getMessage());
            return Optional.empty();
        }
    }

    private void say(Terminal terminal, String line) {
        if (!json) {
            terminal.err().println(terminal.yellow("release-train: " + line));
        }
    }
}
