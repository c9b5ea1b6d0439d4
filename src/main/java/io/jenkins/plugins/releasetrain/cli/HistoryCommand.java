package io.jenkins.plugins.releasetrain.cli;

import io.jenkins.plugins.releasetrain.ledger.ApprovalRecorded;
import io.jenkins.plugins.releasetrain.ledger.ArtifactStatus;
import io.jenkins.plugins.releasetrain.ledger.DecisionAsked;
import io.jenkins.plugins.releasetrain.ledger.EnvironmentLedger;
import io.jenkins.plugins.releasetrain.ledger.HistoryPage;
import io.jenkins.plugins.releasetrain.ledger.LedgerMaps;
import io.jenkins.plugins.releasetrain.ledger.ReleaseRun;
import io.jenkins.plugins.releasetrain.ledger.ReleaseStatus;
import io.jenkins.plugins.releasetrain.ledger.RunDamage;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code release-train history ENV --ledger DIR}: the runs of an environment, newest first. */
@Command(
        name = "history",
        description = "Show the runs of an environment, newest first, with how each ended.",
        mixinStandardHelpOptions = true)
public final class HistoryCommand extends LedgerCommand {

    @Option(
            names = "--limit",
            paramLabel = "N",
            defaultValue = "20",
            description = "Runs to show (default: ${DEFAULT-VALUE}).")
    private int limit;

    @Option(names = "--offset", paramLabel = "N", defaultValue = "0", description = "Newer runs to skip first.")
    private int offset;

    @Override
    protected int run(Terminal terminal) {
        if (limit < 1 || offset < 0) {
            terminal.err()
                    .println(terminal.red("release-train: error: --limit must be at least 1 and --offset at least 0"));
            return ExitCode.INVALID;
        }
        Optional<EnvironmentLedger> read = read(terminal);
        if (read.isEmpty()) {
            return ExitCode.INVALID;
        }
        HistoryPage page = read.get().history(offset, limit);
        if (json()) {
            Map<String, Object> document = new LinkedHashMap<>(LedgerMaps.history(page));
            document.put(
                    "runs",
                    page.runs().stream()
                            .map(run -> {
                                Map<String, Object> map = new LinkedHashMap<>(LedgerMaps.run(run));
                                map.put(
                                        "verification",
                                        read.get()
                                                .verification(run.runId())
                                                .map(LedgerMaps::verification)
                                                .orElse(null));
                                return map;
                            })
                            .toList());
            document.put(
                    "awaitingDecision",
                    read.get().decisionsAsked().stream().map(LedgerMaps::asked).toList());
            printJson(terminal, document);
            return ExitCode.OK;
        }
        terminal.out()
                .println(terminal.bold("Runs in " + environment) + "  from "
                        + read.get().file());
        terminal.out().println();
        if (offset == 0) {
            asked(terminal, read.get().decisionsAsked());
        }
        TextTable table = new TextTable("RUN", "STARTED", "BY", "RELEASE", "STATUS", "RESULTS");
        for (ReleaseRun run : page.runs()) {
            table.row(
                    run.runId().value(),
                    run.startedAt().truncatedTo(ChronoUnit.SECONDS).toString(),
                    run.actor(),
                    run.releaseId().shortForm(),
                    status(run)
                            + read.get()
                                    .verification(run.runId())
                                    .map(v -> ", " + v.label())
                                    .orElse("")
                            + run.rollback().map(r -> ", " + r.describe()).orElse("")
                            + (run.isHotfix() ? ", hotfix" : ""),
                    results(run));
        }
        table.print(terminal);
        terminal.out().println();
        for (ReleaseRun run : page.runs()) {
            RunDamage.describe(run)
                    .ifPresent(damage -> terminal.out().println(terminal.red("run " + run.runId() + ": " + damage)));
        }
        terminal.out()
                .println("runs " + (page.total() == 0 ? 0 : offset + 1) + "-"
                        + (offset + page.runs().size())
                        + " of " + page.total()
                        + (page.hasMore()
                                ? " (--offset " + (offset + page.runs().size()) + " for older ones)"
                                : ""));
        return ExitCode.OK;
    }

    /** Releases approved or rejected since the latest run, that have not run: they wait, or were stopped. */
    private static void asked(Terminal terminal, List<DecisionAsked> asked) {
        for (DecisionAsked release : asked) {
            String id = release.releaseId().shortForm();
            String approved = release.approvedBy().isEmpty()
                    ? "no approval yet"
                    : "approved so far by " + String.join(", ", release.approvedBy());
            if (release.rejection().isPresent()) {
                ApprovalRecorded rejection = release.rejection().get();
                terminal.out()
                        .println(terminal.red("rejected  release " + id + " by " + rejection.actor() + " at "
                                + rejection.time().truncatedTo(ChronoUnit.SECONDS) + ": \"" + rejection.comment()
                                + "\"; it cannot run until its manifest changes (" + approved + ")"));
            } else {
                String requested = release.request()
                        .map(r -> "; asked to run by " + r.actor() + " at "
                                + r.time().truncatedTo(ChronoUnit.SECONDS))
                        .orElse("");
                terminal.out()
                        .println(terminal.yellow("awaiting approval  release " + id + ": " + approved + requested
                                + "; not run yet (release-train approvals MANIFEST --policy FILE says what is"
                                + " missing)"));
            }
        }
        if (!asked.isEmpty()) {
            terminal.out().println();
        }
    }

    /** Never a clean "succeeded" for a run whose records are damaged. */
    private static String status(ReleaseRun run) {
        String status = run.status().map(ReleaseStatus::label).orElse("unfinished");
        return run.isDamaged() ? "damaged (" + status + ")" : status;
    }

    private static String results(ReleaseRun run) {
        List<String> parts = new ArrayList<>();
        for (ArtifactStatus status : ArtifactStatus.values()) {
            long n = run.count(status);
            if (n > 0) {
                parts.add(n + " " + status.label());
            }
        }
        int underWay = run.artifactsWithoutResult().size();
        if (underWay > 0) {
            parts.add(underWay + " started, no result");
        }
        return parts.isEmpty() ? "-" : String.join(", ", parts);
    }
}
