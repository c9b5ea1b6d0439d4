package io.jenkins.plugins.releasetrain.cli;

import io.jenkins.plugins.releasetrain.ledger.EnvironmentLedger;
import io.jenkins.plugins.releasetrain.ledger.ReleaseRun;
import io.jenkins.plugins.releasetrain.ledger.RunId;
import io.jenkins.plugins.releasetrain.record.RecordHtml;
import io.jenkins.plugins.releasetrain.record.RecordJson;
import io.jenkins.plugins.releasetrain.record.ReleaseRecord;
import io.jenkins.plugins.releasetrain.record.ReleaseRecords;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code release-train record ENV RUN --ledger DIR}: the release record of one run, as JSON or one HTML page. */
@Command(
        name = "record",
        description = "Write the release record of one run: who released what and when, the approvals and the rule"
                + " they were decided under, the plan, each artifact's result, and the manifest. JSON by default,"
                + " one self-contained HTML page with --html; the same ledger always gives the same bytes.",
        mixinStandardHelpOptions = true)
public final class RecordCommand extends LedgerCommand {

    @Parameters(
            index = "1",
            arity = "0..1",
            paramLabel = "RUN",
            description = "The run, as `release-train history` lists it.")
    private String runId;

    @Option(names = "--latest", description = "The environment's latest run.")
    private boolean latest;

    @Option(names = "--html", description = "One HTML page (prints to PDF from a browser) instead of JSON.")
    private boolean html;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the record to FILE instead of stdout.")
    private Path out;

    @Mixin
    private ChangelogCommandOptions changes;

    @Mixin
    private GitAccessOptions gitAccess;

    @Override
    protected int run(Terminal terminal) throws IOException {
        if ((runId == null) == !latest) {
            terminal.err()
                    .println(terminal.red("release-train: error: give a RUN (see release-train history " + environment
                            + " --ledger " + ledgerDir + ") or --latest"));
            return ExitCode.INVALID;
        }
        Optional<EnvironmentLedger> read = read(terminal);
        if (read.isEmpty()) {
            return ExitCode.INVALID;
        }
        EnvironmentLedger ledger = read.get();
        Optional<ReleaseRun> run = latest ? ledger.latestRun() : find(ledger, runId);
        if (run.isEmpty()) {
            List<String> recent = ledger.history(0, 5).runs().stream()
                    .map(r -> r.runId().value())
                    .toList();
            terminal.err()
                    .println(terminal.red("release-train: error: " + environment + " has no run "
                            + (latest ? "yet" : runId)
                            + (recent.isEmpty() ? "" : " (latest runs: " + String.join(", ", recent) + ")")));
            return ExitCode.INVALID;
        }
        ReleaseRecord record = ReleaseRecord.of(ledger, run.get());
        if (changes.wanted()) {
            try {
                record = record.withChangelog(changes.changelog(
                        record.plan().work(),
                        gitAccess.access(),
                        registry -> ReleaseRecords.pinned(ledger, run.get(), registry)));
            } catch (IllegalArgumentException e) {
                terminal.err().println(terminal.red("release-train: error: " + e.getMessage()));
                return ExitCode.INVALID;
            }
        }
        RecordJson.Written json = RecordJson.written(record);
        String digest = json.sha256();
        String document = html ? RecordHtml.write(record, digest) : json.text();
        if (out == null) {
            terminal.out().print(document);
            return ExitCode.OK;
        }
        write(out, document);
        terminal.err()
                .println("wrote the " + (html ? "HTML" : "JSON") + " release record of run "
                        + run.get().runId() + " to " + out + " (record SHA-256 " + digest + ")");
        return ExitCode.OK;
    }

    private static Optional<ReleaseRun> find(EnvironmentLedger ledger, String id) {
        try {
            return ledger.run(new RunId(id.strip()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Whole or not at all: written beside the target, then moved over it. */
    private static void write(Path file, String text) throws IOException {
        Path absolute = file.toAbsolutePath();
        Path directory = absolute.getParent();
        if (directory == null) {
            throw new IOException("cannot write the record over " + file + ": give a file name");
        }
        Path temporary = Files.createTempFile(directory, "." + absolute.getFileName(), ".tmp");
        try {
            Files.writeString(temporary, text, StandardCharsets.UTF_8);
            Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
