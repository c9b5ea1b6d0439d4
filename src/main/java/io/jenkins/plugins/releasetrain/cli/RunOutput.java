package io.jenkins.plugins.releasetrain.cli;

import io.jenkins.plugins.releasetrain.ledger.ArtifactResult;
import io.jenkins.plugins.releasetrain.ledger.ArtifactStatus;
import io.jenkins.plugins.releasetrain.ledger.LedgerMaps;
import io.jenkins.plugins.releasetrain.ledger.RunId;
import io.jenkins.plugins.releasetrain.manifest.DeploymentArtifact;
import io.jenkins.plugins.releasetrain.manifest.Release;
import io.jenkins.plugins.releasetrain.plan.Durations;
import io.jenkins.plugins.releasetrain.plan.PlanMaps;
import io.jenkins.plugins.releasetrain.plan.RunPreview;
import io.jenkins.plugins.releasetrain.plan.RunReport;
import io.jenkins.plugins.releasetrain.plan.RunStep;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

/** What {@code run} prints: the header, the dry-run table, the summary of a run, in text or JSON. */
final class RunOutput {

    /** How much of a failed handler's output the summary repeats; the ledger keeps the whole tail. */
    private static final int FAILED_OUTPUT_LINES = 20;

    private RunOutput() {}

    /** @param source what the run is, after its release id: {@code from FILE}, {@code as a rollback to run R} */
    static void header(Terminal terminal, RunPreview preview, RunId runId, String source) {
        Release release = preview.release();
        terminal.out()
                .println(terminal.bold("Running " + release.environment().name()) + "  release "
                        + release.id().shortForm() + " " + source + "  (run " + runId + ")");
        terminal.out()
                .println("Plan against what is live: "
                        + ChangeTables.summary(preview.plan().artifacts()) + "; "
                        + preview.runnable().size() + " to run");
        terminal.out().println();
    }

    static void dryRun(Terminal terminal, boolean json, RunPreview preview, String source, Path ledger) {
        if (json) {
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("dryRun", true);
            document.put("environment", preview.release().environment().name());
            document.put("releaseId", preview.release().id().value());
            document.put("nothingToDo", preview.nothingToDo().orElse(null));
            document.put("plan", PlanMaps.plan(preview.plan()));
            document.put("steps", preview.steps().stream().map(RunOutput::step).toList());
            terminal.out().println(Json.write(document));
            return;
        }
        Release release = preview.release();
        terminal.out()
                .println(terminal.bold("Dry run of " + release.environment().name()) + "  release "
                        + release.id().shortForm() + " " + source + ", against the ledger " + ledger
                        + "; nothing runs, nothing is recorded");
        terminal.out().println();
        if (preview.nothingToDo().isPresent()) {
            terminal.out().println(preview.nothingToDo().get());
            return;
        }
        ChangeTables.print(terminal, preview.plan().products(), preview.plan().artifacts());
        terminal.out().println();
        TextTable table = new TextTable("ARTIFACT", "ACTION", "DETAILS");
        UnaryOperator<String> running = terminal::green;
        UnaryOperator<String> records = terminal::dim;
        for (RunStep step : preview.steps()) {
            String action =
                    step.runs() ? "run" : "record " + step.skip().get().status().label();
            table.styledRow(
                    List.of(step.artifact().id(), action, details(step)),
                    Arrays.asList(null, step.runs() ? running : records));
        }
        table.print(terminal);
        terminal.out().println();
        long runs = preview.runnable().size();
        terminal.out()
                .println(ValidateCommand.count(runs, "artifact") + " would run, "
                        + (preview.steps().size() - runs) + " would be recorded without running");
    }

    static void report(Terminal terminal, boolean json, RunReport report, Path ledgerFile) {
        RunPreview preview = report.preview();
        if (json) {
            terminal.out().println(Json.write(document(report, ledgerFile)));
            return;
        }
        if (report.runId().isEmpty()) {
            terminal.out().println(preview.nothingToDo().orElse("nothing to do"));
            return;
        }
        if (!preview.runnable().isEmpty()) {
            terminal.out().println();
        }
        TextTable table = new TextTable("ARTIFACT", "STATUS", "VERSION", "DURATION", "MESSAGE");
        for (ArtifactResult result : inManifestOrder(report)) {
            boolean ran = result.status() == ArtifactStatus.SUCCEEDED
                    || result.status() == ArtifactStatus.FAILED
                    || result.status() == ArtifactStatus.CANCELLED;
            table.styledRow(
                    List.of(
                            result.artifactId(),
                            result.status().label(),
                            result.artifact().displayVersion(),
                            ran ? Durations.format(result.duration()) : "",
                            result.message()),
                    Arrays.asList(null, colour(terminal, result.status())));
        }
        table.print(terminal);
        terminal.out().println();
        terminal.out().println(totals(report));
        notes(report).forEach(terminal.out()::println);
        failedOutput(terminal, report);
        report.verification().ifPresent(v -> {
            String verified =
                    "Verification: " + v.label() + " (" + v.message() + ", " + Durations.format(v.duration()) + ")";
            terminal.out().println(v.passed() ? terminal.green(verified) : terminal.red(verified));
            if (!v.passed() && !v.output().isBlank()) {
                v.output()
                        .lines()
                        .skip(Math.max(0, v.output().lines().count() - FAILED_OUTPUT_LINES))
                        .forEach(l -> terminal.out().println("  | " + l));
            }
        });
        String line = "Run " + report.runId().get() + " " + report.status().label()
                + report.verification().map(v -> ", " + v.label()).orElse("") + "; recorded in " + ledgerFile;
        terminal.out().println(report.failed() ? terminal.red(line) : terminal.green(line));
    }

    /** A run as one JSON document: what {@code run --format json} prints. */
    static Map<String, Object> document(RunReport report, Path ledgerFile) {
        RunPreview preview = report.preview();
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("environment", preview.release().environment().name());
        document.put("releaseId", preview.release().id().value());
        document.put("runId", report.runId().map(RunId::value).orElse(null));
        document.put("status", report.status().label());
        document.put("nothingToDo", preview.nothingToDo().orElse(null));
        document.put("ledger", ledgerFile.toString());
        Map<String, Object> summary = new LinkedHashMap<>();
        for (ArtifactStatus status : ArtifactStatus.values()) {
            summary.put(status.label(), report.count(status));
        }
        document.put("summary", summary);
        document.put(
                "verification",
                report.verification().map(LedgerMaps::verification).orElse(null));
        document.put(
                "results",
                report.results().stream().map(r -> LedgerMaps.result(r, true)).toList());
        return document;
    }

    /** The results in the manifest's order, easier to read than the order in which they ended. */
    private static List<ArtifactResult> inManifestOrder(RunReport report) {
        List<String> order =
                report.preview().steps().stream().map(s -> s.artifact().id()).toList();
        return report.results().stream()
                .sorted(Comparator.comparingInt(r -> order.indexOf(r.artifactId())))
                .toList();
    }

    static String status(Terminal terminal, ArtifactStatus status) {
        String label = String.format(Locale.ROOT, "%-9s", status.label());
        UnaryOperator<String> colour = colour(terminal, status);
        return colour.apply(label);
    }

    private static String totals(RunReport report) {
        StringBuilder line = new StringBuilder();
        for (ArtifactStatus status : ArtifactStatus.values()) {
            long n = report.count(status);
            if (n > 0) {
                line.append(line.length() == 0 ? "" : ", ")
                        .append(n)
                        .append(' ')
                        .append(status.label());
            }
        }
        return line.length() == 0 ? "no artifacts" : line.toString();
    }

    /** Why artifacts were not run, each reason once with how many it concerns. */
    private static List<String> notes(RunReport report) {
        Map<String, Long> reasons = new LinkedHashMap<>();
        report.results().stream()
                .filter(r -> r.status() == ArtifactStatus.UNCHANGED || r.status() == ArtifactStatus.SKIPPED)
                .filter(r -> !r.message().startsWith("not started"))
                .forEach(r -> reasons.merge(r.status().label() + ": " + r.message(), 1L, Long::sum));
        return reasons.entrySet().stream()
                .map(e -> "  " + e.getValue() + " " + e.getKey())
                .toList();
    }

    private static void failedOutput(Terminal terminal, RunReport report) {
        for (ArtifactResult result : report.results()) {
            boolean stopped = result.status() == ArtifactStatus.FAILED || result.status() == ArtifactStatus.CANCELLED;
            if (!stopped || result.output().isBlank()) {
                continue;
            }
            terminal.out().println();
            terminal.out()
                    .println(terminal.red(
                            "--- " + result.artifactId() + ": " + result.message() + " (last lines of its output)"));
            List<String> lines = result.output().lines().toList();
            lines.subList(Math.max(0, lines.size() - FAILED_OUTPUT_LINES), lines.size())
                    .forEach(l -> terminal.out().println("  | " + l));
        }
        terminal.out().println();
    }

    private static String details(RunStep step) {
        if (!step.runs()) {
            return step.skip().get().message();
        }
        if (step.artifact() instanceof DeploymentArtifact deployment) {
            return "handler " + deployment.deployment().workflowBase();
        }
        return "tag " + step.artifact().attributes().get("destinationTag");
    }

    private static Map<String, Object> step(RunStep step) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("artifactId", step.artifact().id());
        map.put("change", step.change().label());
        map.put("action", step.runs() ? "run" : "record");
        map.put("status", step.skip().map(s -> s.status().label()).orElse(null));
        map.put("details", details(step));
        return map;
    }

    private static UnaryOperator<String> colour(Terminal terminal, ArtifactStatus status) {
        return switch (status) {
            case SUCCEEDED -> terminal::green;
            case FAILED -> terminal::red;
            case SKIPPED -> terminal::yellow;
            case UNCHANGED -> terminal::dim;
            case CANCELLED -> terminal::yellow;
        };
    }
}
