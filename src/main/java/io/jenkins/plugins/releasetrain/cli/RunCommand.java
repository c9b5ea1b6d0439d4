package io.jenkins.plugins.releasetrain.cli;

import io.jenkins.plugins.releasetrain.approval.ApprovalRequest;
import io.jenkins.plugins.releasetrain.approval.Identity;
import io.jenkins.plugins.releasetrain.approval.Participants;
import io.jenkins.plugins.releasetrain.image.ImageRegistry;
import io.jenkins.plugins.releasetrain.ledger.LedgerWarning;
import io.jenkins.plugins.releasetrain.ledger.ReleaseStarted;
import io.jenkins.plugins.releasetrain.manifest.LoadedManifest;
import io.jenkins.plugins.releasetrain.manifest.ManifestLoader;
import io.jenkins.plugins.releasetrain.notify.Notifications;
import io.jenkins.plugins.releasetrain.plan.ImageTagging;
import io.jenkins.plugins.releasetrain.plan.InvalidRunException;
import io.jenkins.plugins.releasetrain.plan.RegistryImageTagging;
import io.jenkins.plugins.releasetrain.plan.ReleaseRunner;
import io.jenkins.plugins.releasetrain.plan.RunGate;
import io.jenkins.plugins.releasetrain.plan.RunListener;
import io.jenkins.plugins.releasetrain.plan.RunPreview;
import io.jenkins.plugins.releasetrain.plan.RunReport;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code release-train run MANIFEST --ledger DIR}: the main job, outside Jenkins. */
@Command(
        name = "run",
        description = {
            "Run a release: plan it against what the ledger says is live, then deploy each deployment with its"
                    + " handler (HANDLERS/<workflowBase>) and tag each image, at most --concurrency at once,"
                    + " recording every result in the ledger as it ends.",
            "One release at a time per environment; exit 0 when nothing failed, 1 when something failed,"
                    + " 2 for invalid input (nothing runs), 130 when interrupted (Ctrl-C; recorded cancelled)."
        },
        mixinStandardHelpOptions = true)
public final class RunCommand extends CliCommand {

    @Parameters(index = "0", paramLabel = "MANIFEST", description = "The release manifest to run.")
    private Path file;

    @Mixin
    private RunSettings settings;

    @Option(names = "--resume", description = "Run only what did not succeed in the release's latest run.")
    private boolean resume;

    @Option(names = "--all", description = "Run unchanged artifacts too (already live with this content).")
    private boolean all;

    @Option(names = "--dry-run", description = "Print what would run; run and record nothing.")
    private boolean dryRun;

    @Option(
            names = "--hotfix",
            description =
                    "Run it as a hotfix: decided by the rule's hotfix lane (its approvers and quorum, no promotion"
                            + " order; needs --policy) and recorded as a hotfix, shown until the environments upstream have it.")
    private boolean hotfix;

    @Mixin
    private RunApprovalGate approval;

    @Mixin
    private AuthorOptions authors;

    @Mixin
    private HotfixGuardCheck hotfixGuard;

    @Override
    protected int run(Terminal terminal) throws InterruptedException {
        LoadedManifest manifest = new ManifestLoader().load(file);
        Optional<String> ledgerProblem = settings.ledgerProblem();
        if (ledgerProblem.isPresent()) {
            return invalid(terminal, List.of(ledgerProblem.get()));
        }
        return settings.withRegistry(
                images -> run(terminal, manifest, images), problem -> invalid(terminal, List.of(problem)));
    }

    private int run(Terminal terminal, LoadedManifest manifest, Optional<ImageRegistry> images)
            throws InterruptedException {
        ReleaseRunner runner;
        RunPreview preview;
        try {
            ImageTagging tagging = images.<ImageTagging>map(RegistryImageTagging::new)
                    .orElseGet(() -> ImageTagging.unavailable("no --registry given: the image was not tagged"));
            runner = new ReleaseRunner(
                    settings.ledger(), settings.handlers(), tagging, settings.options(resume, all), Clock.systemUTC());
            preview = runner.preview(manifest);
        } catch (InvalidRunException | IllegalArgumentException e) {
            return invalid(terminal, List.of(e.getMessage()));
        }
        printWarnings(terminal, manifest, preview.warnings());
        printInterrupted(terminal, preview);
        List<String> problems = runner.problems(preview);
        if (!problems.isEmpty()) {
            return invalid(terminal, problems);
        }
        Optional<Integer> guarded = hotfixGuard.refusal(terminal, preview, settings.ledger(), hotfix);
        if (guarded.isPresent()) {
            return guarded.get();
        }
        RunApprovalGate.Asking asking = (p, history) -> {
            ApprovalRequest request = ApprovalRequest.of(
                    p.plan(), history, new Participants(Optional.of(Identity.of(settings.actor)), authors.of(file)));
            // Dropping a live hotfix counts only approvals given knowing it (approve --drop-hotfix).
            request = request.droppingHotfixes(hotfixGuard.droppedArtifacts());
            return hotfix ? request.asHotfix() : request;
        };
        Optional<Integer> refusal = approval.refusal(terminal, json(), preview, settings.ledger(), asking, hotfix);
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
                RunOutput.dryRun(terminal, json(), preview, "from " + file, settings.ledgerDir);
                return ExitCode.OK;
            }
            return runRecorded(terminal, runner, manifest, images, asking, notifications);
        }
    }

    private int runRecorded(
            Terminal terminal,
            ReleaseRunner runner,
            LoadedManifest manifest,
            Optional<ImageRegistry> images,
            RunApprovalGate.Asking asking,
            Notifications notifications)
            throws InterruptedException {
        try (CancelOnExit guard = CancelOnExit.install(runner::cancel)) {
            RecordedRun run = RecordedRun.run(
                    terminal,
                    runner,
                    manifest,
                    settings,
                    ReleaseNotices.announcing(progress(terminal), notifications, "release"),
                    RunGate.recording(approval.underLock(settings.ledger(), asking), startDetails()),
                    problems2 -> invalid(terminal, problems2));
            if (run.report().isEmpty()) {
                return run.exitCode();
            }
            RunReport report = run.report().get();
            ReleaseNotices.finished(report, Optional.empty(), hotfix).forEach(notifications::publish);
            Path ledgerFile =
                    settings.ledger().file(manifest.release().environment().name());
            if (!json()) {
                RunOutput.report(terminal, false, report, ledgerFile);
            }
            Optional<RecordedRun> rolledBack =
                    new AutomaticRollback(settings, approval, images, json(), notifications).after(terminal, report);
            if (json()) {
                Map<String, Object> document = RunOutput.document(report, ledgerFile);
                rolledBack
                        .flatMap(RecordedRun::report)
                        .ifPresent(r -> document.put("rollback", RunOutput.document(r, ledgerFile)));
                printJson(terminal, document);
            }
            return run.exitCode();
        }
    }

    /** What the run records with its start besides its grounds: that it is a hotfix, or drops one. */
    private Map<String, String> startDetails() {
        Map<String, String> details = new LinkedHashMap<>(hotfixGuard.details());
        if (hotfix) {
            details.put(ReleaseStarted.KIND, ReleaseStarted.HOTFIX);
        }
        return details;
    }

    private RunListener progress(Terminal terminal) {
        return json() ? RunListener.NONE : new RunProgress(terminal, "from " + file, settings.waitTimeout);
    }

    private void printWarnings(Terminal terminal, LoadedManifest manifest, List<LedgerWarning> warnings) {
        if (json()) {
            return;
        }
        printDiagnostics(terminal, manifest.warnings());
        warnings.forEach(w -> terminal.err().println(terminal.yellow(w.format())));
    }

    private void printInterrupted(Terminal terminal, RunPreview preview) {
        List<String> interrupted = preview.interruptedArtifacts();
        if (json() || !resume || interrupted.isEmpty() || preview.previous().isEmpty()) {
            return;
        }
        terminal.err()
                .println(terminal.yellow(
                        "release-train: run " + preview.previous().get().runId()
                                + " stopped while "
                                + (interrupted.size() == 1 ? "1 artifact was" : interrupted.size() + " artifacts were")
                                + " under way: " + String.join(", ", interrupted)
                                + "; their work may have completed after it stopped, and it runs again now"));
    }
}
