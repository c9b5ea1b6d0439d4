package io.jenkins.plugins.releasetrain.cli;

import io.jenkins.plugins.releasetrain.approval.ApprovalRequest;
import io.jenkins.plugins.releasetrain.approval.Identity;
import io.jenkins.plugins.releasetrain.approval.Participants;
import io.jenkins.plugins.releasetrain.approval.RollbackRequest;
import io.jenkins.plugins.releasetrain.image.ImageRegistry;
import io.jenkins.plugins.releasetrain.ledger.EnvironmentLedger;
import io.jenkins.plugins.releasetrain.ledger.LedgerException;
import io.jenkins.plugins.releasetrain.ledger.ReleaseRun;
import io.jenkins.plugins.releasetrain.ledger.ReleaseStatus;
import io.jenkins.plugins.releasetrain.ledger.RollbackOf;
import io.jenkins.plugins.releasetrain.notify.Notifications;
import io.jenkins.plugins.releasetrain.plan.InvalidRunException;
import io.jenkins.plugins.releasetrain.plan.RollbackTarget;
import io.jenkins.plugins.releasetrain.plan.Rollbacks;
import io.jenkins.plugins.releasetrain.plan.RunListener;
import io.jenkins.plugins.releasetrain.plan.RunPreview;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code release-train rollback ENV --ledger DIR}: go back to an earlier release that succeeded there. */
@Command(
        name = "rollback",
        description = {
            "Roll an environment back: take the newest earlier release that succeeded there (or the run or release"
                    + " --to names), plan it against what is live now, and run it as a release: deployments through"
                    + " their handlers with the earlier commits, image tags moved back to the exact digests they had"
                    + " then. Recorded as a rollback.",
            "It goes through the environment's rule with approvals of its own (rollback.requiredApprovals) and"
                    + " no promotion order; during a freeze only the emergency override lets it run."
                    + " Exit codes as for run."
        },
        mixinStandardHelpOptions = true)
public final class RollbackCommand extends CliCommand {

    @Parameters(index = "0", paramLabel = "ENVIRONMENT", description = "The environment to roll back.")
    private String environment;

    @Option(
            names = "--to",
            paramLabel = "RUN|RELEASE",
            description = "The run id, or the release id (at least its first 7 characters), to go back to; by"
                    + " default the newest earlier release that succeeded here.")
    private String to;

    @Mixin
    private RunSettings settings;

    @Option(names = "--resume", description = "Continue the latest rollback, which did not succeed.")
    private boolean resume;

    @Option(names = "--dry-run", description = "Print what the rollback would run; run and record nothing.")
    private boolean dryRun;

    @Mixin
    private RunApprovalGate approval;

    @Override
    protected int run(Terminal terminal) throws InterruptedException {
        Optional<String> ledgerProblem = settings.ledgerProblem();
        if (ledgerProblem.isPresent()) {
            return invalid(terminal, List.of(ledgerProblem.get()));
        }
        if (resume && to != null) {
            return invalid(terminal, List.of("--resume continues the latest rollback; it takes no --to"));
        }
        RollbackTarget target;
        try {
            EnvironmentLedger history = settings.ledger().read(environment);
            target = resume ? resumed(history) : Rollbacks.find(history, Optional.ofNullable(to));
        } catch (InvalidRunException | IllegalArgumentException | LedgerException e) {
            return invalid(terminal, List.of(e.getMessage()));
        }
        return settings.withRegistry(
                images -> run(terminal, target, images), problem -> invalid(terminal, List.of(problem)));
    }

    private static RollbackTarget resumed(EnvironmentLedger history) throws InvalidRunException {
        ReleaseRun latest = history.latestRun()
                .filter(run -> run.rollback().isPresent())
                .orElseThrow(() -> new InvalidRunException("nothing to resume: the latest run of "
                        + history.environment() + " is not a rollback; run rollback without --resume"));
        if (latest.status().filter(s -> s == ReleaseStatus.SUCCEEDED).isPresent()) {
            throw new InvalidRunException(
                    "nothing to resume: rollback " + latest.runId() + " already succeeded in " + history.environment());
        }
        return Rollbacks.resume(history, latest);
    }

    private int run(Terminal terminal, RollbackTarget target, Optional<ImageRegistry> images)
            throws InterruptedException {
        RollbackRun rollback;
        RunPreview preview;
        try {
            rollback = new RollbackRun(settings, images, target, resume);
            preview = rollback.preview();
        } catch (InvalidRunException | IllegalArgumentException e) {
            return invalid(terminal, List.of(e.getMessage()));
        }
        List<String> problems = rollback.problems(preview);
        if (!problems.isEmpty()) {
            return invalid(terminal, problems);
        }
        if (preview.runnable().isEmpty() && preview.nothingToDo().isEmpty()) {
            String already = environment + " already runs the content of run "
                    + target.target().runId() + " (release "
                    + target.target().releaseId().shortForm() + "): nothing to roll back";
            if (json()) {
                Map<String, Object> document = new LinkedHashMap<>();
                document.put("environment", environment);
                document.put("nothingToDo", already);
                printJson(terminal, document);
            } else {
                terminal.out().println(already);
            }
            return ExitCode.OK;
        }
        RollbackRequest request = new RollbackRequest(target.target().runId().value(), target.approvalsAfter());
        RunApprovalGate.Asking asking = (p, history) -> ApprovalRequest.of(
                        p.plan(), history, new Participants(Optional.of(Identity.of(settings.actor)), List.of()))
                .asRollback(request);
        Optional<Integer> refusal = approval.refusal(terminal, json(), preview, settings.ledger(), asking);
        try (Notifications notifications = ReleaseNotices.open(approval.webhooks(), terminal)) {
            if (refusal.isPresent()) {
                if (refusal.get() == ExitCode.AWAITING_APPROVAL && !dryRun) {
                    approval.recordRequest(terminal, preview, settings.ledger(), settings.actor);
                    approval.refused()
                            .flatMap(decision -> ReleaseNotices.refused(decision, settings.actor))
                            .ifPresent(notifications::publish);
                }
                return refusal.get();
            }
            if (dryRun) {
                RunOutput.dryRun(terminal, json(), preview, rollback.source(), settings.ledgerDir);
                return ExitCode.OK;
            }
            return runRecorded(terminal, rollback, target, asking, notifications);
        }
    }

    private int runRecorded(
            Terminal terminal,
            RollbackRun rollback,
            RollbackTarget target,
            RunApprovalGate.Asking asking,
            Notifications notifications)
            throws InterruptedException {
        RunListener progress = ReleaseNotices.announcing(
                json() ? RunListener.NONE : new RunProgress(terminal, rollback.source(), settings.waitTimeout),
                notifications,
                "rollback to release");
        try (CancelOnExit guard = CancelOnExit.install(rollback::cancel)) {
            RecordedRun run = rollback.run(
                    terminal,
                    progress,
                    RollbackOf.REQUESTED,
                    approval.underLock(settings.ledger(), asking),
                    problems2 -> invalid(terminal, problems2));
            run.report().ifPresent(r -> {
                ReleaseNotices.finished(r, Optional.of(target.record(RollbackOf.REQUESTED)))
                        .forEach(notifications::publish);
                RunOutput.report(terminal, json(), r, settings.ledger().file(environment));
            });
            return run.exitCode();
        }
    }
}
