package io.jenkins.plugins.releasetrain.cli;

import io.jenkins.plugins.releasetrain.ledger.EnvironmentLedger;
import io.jenkins.plugins.releasetrain.ledger.Ledger;
import io.jenkins.plugins.releasetrain.manifest.Suggestions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
            EnvironmentLedger read = ledger.read(environment); // refuses a malformed name first
            List<String> known = ledger.environments();
            if (!known.contains(environment)) {
                // A typo must not read as "nothing deployed": say so, and what is there.
                terminal.err()
                        .println(terminal.red("release-train: error: the ledger " + ledgerDir + " has no environment "
                                + environment
                                + (known.isEmpty()
                                        ? " (it has no records yet)"
                                        : Suggestions.closest(environment, known)
                                                        .map(c -> "; did you mean " + c + "?")
                                                        .orElse("")
                                                + " (environments there: " + String.join(", ", known) + ")")));
                return Optional.empty();
            }
            read.warnings().forEach(w -> terminal.err().println(terminal.yellow(w.format())));
            return Optional.of(read);
        } catch (IllegalArgumentException e) {
            terminal.err().println(terminal.red("release-train: error: " + e.getMessage()));
            return Optional.empty();
        }
    }
}
