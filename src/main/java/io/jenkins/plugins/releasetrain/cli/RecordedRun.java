package io.jenkins.plugins.releasetrain.cli;

import io.jenkins.plugins.releasetrain.ledger.EnvironmentLockedException;
import io.jenkins.plugins.releasetrain.ledger.ReleaseStatus;
import io.jenkins.plugins.releasetrain.manifest.LoadedManifest;
import io.jenkins.plugins.releasetrain.plan.InvalidRunException;
import io.jenkins.plugins.releasetrain.plan.ReleaseRunner;
import io.jenkins.plugins.releasetrain.plan.RunGate;
import io.jenkins.plugins.releasetrain.plan.RunListener;
import io.jenkins.plugins.releasetrain.plan.RunRefusedException;
import io.jenkins.plugins.releasetrain.plan.RunReport;
import java.util.List;
import java.util.Optional;

/**
 * Runs a release for a command ({@code run}, {@code rollback}) under the environment's lock and says why when it
 * could not start. The command holds a {@link CancelOnExit} around it and what it prints after.
 *
 * @param report what the run did, when it ran
 * @param exitCode the command's exit code: from the report, or why nothing ran
 */
record RecordedRun(Optional<RunReport> report, int exitCode) {

    static RecordedRun run(
            Terminal terminal,
            ReleaseRunner runner,
            LoadedManifest manifest,
            RunSettings settings,
            RunListener progress,
            RunGate gate,
            InvalidInput invalid)
            throws InterruptedException {
        try {
            RunReport report = runner.run(manifest, settings.actor, settings.lockWait(), progress, gate);
            return new RecordedRun(Optional.of(report), exitCode(report));
        } catch (RunRefusedException e) {
            terminal.err().println(terminal.yellow("awaiting approval: nothing ran: " + e.getMessage()));
            return new RecordedRun(Optional.empty(), ExitCode.AWAITING_APPROVAL);
        } catch (InvalidRunException e) {
            return new RecordedRun(
                    Optional.empty(), invalid.report(List.of(e.getMessage().split(System.lineSeparator()))));
        } catch (EnvironmentLockedException e) {
            terminal.err()
                    .println(terminal.red("release-train: " + e.getMessage()
                            + (settings.waitForLock ? "" : " (or pass --wait to wait for it)")));
            return new RecordedRun(Optional.empty(), ExitCode.FAILED);
        }
    }

    /** 130 for a cancelled run, 1 when something failed (verification included), else 0. */
    static int exitCode(RunReport report) {
        if (report.status() == ReleaseStatus.CANCELLED) {
            return ExitCode.INTERRUPTED;
        }
        return report.failed() ? ExitCode.FAILED : ExitCode.OK;
    }

    /** How a command reports invalid input (text or JSON) and the exit code it returns then. */
    @FunctionalInterface
    interface InvalidInput {
        int report(List<String> problems);
    }
}
