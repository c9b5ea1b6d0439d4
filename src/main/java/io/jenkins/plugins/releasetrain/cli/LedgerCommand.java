package io.jenkins.plugins.releasetrain.cli;

import io.jenkins.plugins.releasetrain.ledger.EnvironmentLedger;
import io.jenkins.plugins.releasetrain.ledger.Ledger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** What the read-only ledger commands share: {@code ENV --ledger DIR}, and warnings about damaged lines. */
abstract class LedgerCommand extends CliCommand {

    @Parameters(index = "0", paramLabel = "ENV", description = "The environment, e.g. production-us-east-2.")
    String environment;

    @Option(names = "--ledger", required = true, paramLabel = "DIR", description = "The ledger directory.")
    Path ledgerDir;

    /** The environment's records, or empty after saying why on stderr. */
    Optional<EnvironmentLedger> read(Terminal terminal) {
        if (!Files.isDirectory(ledgerDir)) {
            terminal.err().println(terminal.red("release-train: error: no ledger directory at " + ledgerDir));
            return Optional.empty();
        }
        Ledger ledger = Ledger.open(ledgerDir);
        try {
            EnvironmentLedger read = ledger.read(environment);
            read.warnings().forEach(w -> terminal.err().println(terminal.yellow(w.format())));
            if (read.isEmpty() && !json()) {
                terminal.err()
                        .println("no records for " + environment + " in " + ledgerDir
                                + (ledger.environments().isEmpty()
                                        ? ""
                                        : " (environments there: " + String.join(", ", ledger.environments()) + ")"));
            }
            return Optional.of(read);
        } catch (IllegalArgumentException e) {
            terminal.err().println(terminal.red("release-train: error: " + e.getMessage()));
            return Optional.empty();
        }
    }
}
