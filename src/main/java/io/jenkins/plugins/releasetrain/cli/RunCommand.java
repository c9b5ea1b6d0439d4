package io.jenkins.plugins.releasetrain.cli;

import io.jenkins.plugins.releasetrain.image.ImageRegistry;
import io.jenkins.plugins.releasetrain.image.Registries;
import io.jenkins.plugins.releasetrain.image.RegistryOptions;
import io.jenkins.plugins.releasetrain.ledger.EnvironmentLockedException;
import io.jenkins.plugins.releasetrain.ledger.Ledger;
import io.jenkins.plugins.releasetrain.ledger.LedgerWarning;
import io.jenkins.plugins.releasetrain.ledger.ReleaseStatus;
import io.jenkins.plugins.releasetrain.manifest.LoadedManifest;
import io.jenkins.plugins.releasetrain.manifest.ManifestLoader;
import io.jenkins.plugins.releasetrain.plan.HandlerDirectory;
import io.jenkins.plugins.releasetrain.plan.ImageTagging;
import io.jenkins.plugins.releasetrain.plan.InvalidRunException;
import io.jenkins.plugins.releasetrain.plan.RegistryImageTagging;
import io.jenkins.plugins.releasetrain.plan.ReleaseRunner;
import io.jenkins.plugins.releasetrain.plan.RunListener;
import io.jenkins.plugins.releasetrain.plan.RunOptions;
import io.jenkins.plugins.releasetrain.plan.RunPreview;
import io.jenkins.plugins.releasetrain.plan.RunRefusedException;
import io.jenkins.plugins.releasetrain.plan.RunReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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

    @Option(names = "--ledger", required = true, paramLabel = "DIR", description = "The ledger directory.")
    private Path ledgerDir;

    @Option(
            names = "--handlers",
            paramLabel = "DIR",
            description = "Directory with one executable per workflowBase (required when deployments run).")
    private Path handlersDir;

    @Option(
            names = "--registry",
            paramLabel = "REF",
            description = "Where to tag the images: https://HOST[:PORT], http://HOST[:PORT], HOST[:PORT],"
                    + " oci-layout:DIR or ecr:REGION[:ACCOUNT] (see tag-images). Without it, images are"
                    + " reported skipped.")
    private String registry;

    @Option(names = "--insecure", description = "Allow plain http for a HOST[:PORT] registry reference.")
    private boolean insecure;

    @Option(
            names = "--concurrency",
            paramLabel = "N",
            defaultValue = "4",
            description = "Artifacts run at once (default: ${DEFAULT-VALUE}).")
    private int concurrency;

    @Option(
            names = "--timeout",
            paramLabel = "DURATION",
            defaultValue = "30m",
            converter = DurationConverter.class,
            description = "Time limit of one handler, after which it is killed (default: ${DEFAULT-VALUE}).")
    private Duration timeout;

    @Option(
            names = "--verify-attempts",
            paramLabel = "N",
            defaultValue = "1",
            description = "Times the handlers directory's verify handler may run after a successful release before"
                    + " the release counts as failing verification, 1 to 10 (default: ${DEFAULT-VALUE}).")
    private int verifyAttempts;

    @Option(names = "--resume", description = "Run only what did not succeed in the release's latest run.")
    private boolean resume;

    @Option(names = "--all", description = "Run unchanged artifacts too (already live with this content).")
    private boolean all;

    @Option(names = "--dry-run", description = "Print what would run; run and record nothing.")
    private boolean dryRun;

    @Option(names = "--wait", description = "Wait for a run of the same environment to finish instead of refusing.")
    private boolean waitForLock;

    @Option(
            names = "--wait-timeout",
            paramLabel = "DURATION",
            defaultValue = "10m",
            converter = DurationConverter.class,
            description = "How long --wait waits (default: ${DEFAULT-VALUE}).")
    private Duration waitTimeout;

    @Option(
            names = "--actor",
            paramLabel = "NAME",
            defaultValue = "${sys:user.name}",
            description = "Who runs the release, as recorded (default: the user name, ${DEFAULT-VALUE}).")
    private String actor;

    @Mixin
    private RunApprovalGate approval;

    @Override
    protected int run(Terminal terminal) throws InterruptedException {
        LoadedManifest manifest = new ManifestLoader().load(file);
        if (Files.exists(ledgerDir) && !Files.isDirectory(ledgerDir)) {
            return invalid(
                    terminal,
                    List.of("--ledger " + ledgerDir + " is not a directory: give the ledger's"
                            + " directory (it is created on the first run)"));
        }
        Optional<ImageRegistry> images;
        try {
            images = registry == null
                    ? Optional.empty()
                    : Optional.of(Registries.open(registry, RegistryOptions.DEFAULTS.withInsecure(insecure)));
        } catch (IllegalArgumentException e) {
            return invalid(terminal, List.of("--registry: " + e.getMessage()));
        } catch (IOException e) {
            return invalid(terminal, List.of("--registry: cannot read the registry configuration: " + e.getMessage()));
        }
        try {
            return run(terminal, manifest, images);
        } finally {
            images.ifPresent(ImageRegistry::close);
        }
    }

    private int run(Terminal terminal, LoadedManifest manifest, Optional<ImageRegistry> images)
            throws InterruptedException {
        ReleaseRunner runner;
        RunPreview preview;
        try {
            ImageTagging tagging = images.<ImageTagging>map(RegistryImageTagging::new)
                    .orElseGet(() -> ImageTagging.unavailable("no --registry given: the image was not tagged"));
            runner = new ReleaseRunner(Ledger.open(ledgerDir), handlers(), tagging, options(), Clock.systemUTC());
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
        Optional<Integer> refusal = approval.refusal(terminal, json(), file, preview, Ledger.open(ledgerDir), actor);
        if (refusal.isPresent()) {
            if (refusal.get() == ExitCode.AWAITING_APPROVAL && !dryRun) {
                approval.recordRequest(terminal, preview, Ledger.open(ledgerDir), actor);
            }
            return refusal.get();
        }
        if (dryRun) {
            RunOutput.dryRun(terminal, json(), preview, file, ledgerDir);
            return ExitCode.OK;
        }
        return runRecorded(terminal, runner, manifest);
    }

    private int runRecorded(Terminal terminal, ReleaseRunner runner, LoadedManifest manifest)
            throws InterruptedException {
        CountDownLatch over = new CountDownLatch(1);
        Thread cancelOnExit = new Thread(
                () -> {
                    // Ctrl-C: stop the handlers and let the run record itself as cancelled before the JVM goes.
                    runner.cancel();
                    awaitQuietly(over);
                },
                "release-train-cancel");
        Runtime.getRuntime().addShutdownHook(cancelOnExit);
        try {
            RunReport report = runner.run(
                    manifest,
                    actor,
                    waitForLock ? waitTimeout : Duration.ZERO,
                    progress(terminal),
                    approval.underLock(file, Ledger.open(ledgerDir), actor));
            RunOutput.report(terminal, json(), report, ledger(manifest));
            if (report.status() == ReleaseStatus.CANCELLED) {
                return ExitCode.INTERRUPTED;
            }
            return report.failed() ? ExitCode.FAILED : ExitCode.OK;
        } catch (RunRefusedException e) {
            terminal.err().println(terminal.yellow("awaiting approval: nothing ran: " + e.getMessage()));
            return ExitCode.AWAITING_APPROVAL;
        } catch (InvalidRunException e) {
            return invalid(terminal, List.of(e.getMessage().split(System.lineSeparator())));
        } catch (EnvironmentLockedException e) {
            terminal.err()
                    .println(terminal.red("release-train: " + e.getMessage()
                            + (waitForLock ? "" : " (or pass --wait to wait for it)")));
            return ExitCode.FAILED;
        } finally {
            over.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(cancelOnExit);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down; the hook is running and will see the latch
            }
        }
    }

    private Path ledger(LoadedManifest manifest) {
        return Ledger.open(ledgerDir).file(manifest.release().environment().name());
    }

    private RunListener progress(Terminal terminal) {
        return json() ? RunListener.NONE : new RunProgress(terminal, file, waitTimeout);
    }

    private Optional<HandlerDirectory> handlers() throws InvalidRunException {
        return handlersDir == null ? Optional.empty() : Optional.of(HandlerDirectory.of(handlersDir));
    }

    private RunOptions options() {
        return new RunOptions(concurrency, timeout, resume, all, RunOptions.DEFAULT_OUTPUT_LIMIT, verifyAttempts);
    }

    private int invalid(Terminal terminal, List<String> problems) {
        if (json()) {
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("valid", false);
            document.put("errors", problems);
            printJson(terminal, document);
        } else {
            problems.forEach(p -> terminal.err().println(terminal.red("release-train: error: " + p)));
        }
        return ExitCode.INVALID;
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

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(15, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
