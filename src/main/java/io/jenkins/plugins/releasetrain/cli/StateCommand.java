package io.jenkins.plugins.releasetrain.cli;

import io.jenkins.plugins.releasetrain.ledger.EnvironmentLedger;
import io.jenkins.plugins.releasetrain.ledger.EnvironmentState;
import io.jenkins.plugins.releasetrain.ledger.LedgerMaps;
import io.jenkins.plugins.releasetrain.ledger.LiveArtifact;
import io.jenkins.plugins.releasetrain.ledger.ReleaseStanding;
import io.jenkins.plugins.releasetrain.ledger.ReleaseStatus;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code release-train state ENV --ledger DIR [--at INSTANT]}: what is (or was) live, artifact by artifact. */
@Command(
        name = "state",
        description = "Show what is live in an environment, artifact by artifact, as the ledger records it.",
        mixinStandardHelpOptions = true)
public final class StateCommand extends LedgerCommand {

    @Option(
            names = "--at",
            paramLabel = "INSTANT",
            description = "Show what was live then instead, e.g. 2026-08-01T12:00:00Z.")
    private String at;

    @Override
    protected int run(Terminal terminal) {
        Optional<Instant> instant;
        try {
            instant = Optional.ofNullable(at).map(Instant::parse);
        } catch (DateTimeParseException e) {
            terminal.err()
                    .println(terminal.red("release-train: error: --at " + at
                            + " is not an instant: write it as 2026-08-01T12:00:00Z"));
            return ExitCode.INVALID;
        }
        Optional<EnvironmentLedger> read = read(terminal);
        if (read.isEmpty()) {
            return ExitCode.INVALID;
        }
        EnvironmentState state = instant.map(read.get()::stateAt).orElseGet(read.get()::state);
        if (json()) {
            if (instant.isPresent()) {
                printJson(terminal, LedgerMaps.state(state));
                return ExitCode.OK;
            }
            ReleaseStanding standing = read.get().standing();
            Map<String, Object> document = new LinkedHashMap<>(LedgerMaps.state(state, standing));
            document.put(
                    "liveReleaseVerification",
                    standing.live()
                            .flatMap(live -> read.get().verification(live.run().runId()))
                            .map(LedgerMaps::verification)
                            .orElse(null));
            document.put(
                    "liveReleaseRollback",
                    standing.live()
                            .flatMap(live -> live.run().rollback())
                            .map(LedgerMaps::rollback)
                            .orElse(null));
            printJson(terminal, document);
            return ExitCode.OK;
        }
        terminal.out()
                .println(terminal.bold("Live in " + environment) + "  "
                        + instant.map(i -> "at " + i).orElse("now") + ", from "
                        + read.get().file());
        terminal.out().println();
        TextTable table = new TextTable("ARTIFACT", "VERSION", "PRODUCT", "RELEASE", "DEPLOYED", "BY", "RUN");
        long unrecorded = 0;
        for (LiveArtifact live : state.artifacts()) {
            boolean recorded = live.deploymentRecorded();
            unrecorded += recorded ? 0 : 1;
            table.row(
                    live.artifactId(),
                    live.artifact().displayVersion(),
                    live.artifact().productVersion(),
                    live.releaseId().shortForm(),
                    recorded ? live.deployedAt().truncatedTo(ChronoUnit.SECONDS).toString() : "unknown *",
                    recorded ? live.deployedBy() : "unknown *",
                    recorded ? live.deployedIn().value() : "unknown *");
        }
        table.print(terminal);
        terminal.out().println();
        if (unrecorded > 0) {
            terminal.out()
                    .println(terminal.red("* the record of " + ValidateCommand.count(unrecorded, "deployment")
                            + " is damaged: a later run found the content live, but who deployed it, and when,"
                            + " cannot be read (release-train history " + environment + " shows the damaged run)"));
        }
        terminal.out().println(ValidateCommand.count(state.artifacts().size(), "artifact") + " live");
        if (instant.isEmpty()) {
            standing(terminal, read.get().standing(), read.get());
        }
        return ExitCode.OK;
    }

    /** Which release is live as a whole: a release that got only part of the way is never called live. */
    private static void standing(Terminal terminal, ReleaseStanding standing, EnvironmentLedger ledger) {
        standing.live()
                .ifPresent(live -> terminal.out()
                        .println("live release: " + live.run().releaseId().shortForm() + " (all "
                                + live.artifacts() + " artifacts; run "
                                + live.run().runId() + " by "
                                + live.run().actor()
                                + ledger.verification(live.run().runId())
                                        .map(v -> "; " + v.label())
                                        .orElse("")
                                + live.run()
                                        .rollback()
                                        .map(r -> "; " + r.describe())
                                        .orElse("")
                                + (live.run().isHotfix() ? "; hotfix" : "")
                                + ")"));
        standing.partial()
                .ifPresent(partial -> terminal.out()
                        .println(terminal.yellow(
                                "partially live: " + partial.run().releaseId().shortForm() + " ("
                                        + partial.liveArtifacts() + " of " + partial.artifacts() + " artifacts; run "
                                        + partial.run().runId() + " "
                                        + partial.run()
                                                .status()
                                                .map(ReleaseStatus::label)
                                                .orElse("unfinished") + ")"
                                        + (standing.live().isPresent() ? "" : "; no release is live as a whole"))));
    }
}
