package io.jenkins.plugins.releasetrain.cli;

import io.jenkins.plugins.releasetrain.ledger.LedgerException;
import io.jenkins.plugins.releasetrain.manifest.Diagnostic;
import io.jenkins.plugins.releasetrain.manifest.ManifestException;
import io.jenkins.plugins.releasetrain.manifest.ManifestMaps;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What every subcommand shares: {@code --format}, the terminal, and turning an invalid manifest into its
 * diagnostics and exit code 2 in one place.
 */
public abstract class CliCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(
            names = "--format",
            description = "Output: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).",
            defaultValue = "text")
    private OutputFormat format;

    /** Does the command's work and returns its exit code; may throw {@link ManifestException}. */
    protected abstract int run(Terminal terminal) throws Exception;

    @Override
    public final Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Terminal terminal = new Terminal(out, err, Terminal.colourWanted() && format == OutputFormat.text);
        try {
            if (format == OutputFormat.markdown && !offersMarkdown()) {
                terminal.err()
                        .println(terminal.red("release-train: error: " + spec.name()
                                + " has no Markdown output; use --format text or json"));
                return ExitCode.INVALID;
            }
            return run(terminal);
        } catch (ManifestException e) {
            printInvalid(terminal, e.diagnostics());
            return ExitCode.INVALID;
        } catch (UncheckedIOException e) {
            terminal.err().println("release-train: " + e.getMessage());
            return ExitCode.FAILED;
        } catch (LedgerException e) {
            terminal.err().println(terminal.red("release-train: ledger: " + e.getMessage()));
            return ExitCode.FAILED;
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** Whether this command prints Markdown for {@code --format markdown}. */
    protected boolean offersMarkdown() {
        return false;
    }

    protected boolean markdown() {
        return format == OutputFormat.markdown;
    }

    protected boolean json() {
        return format == OutputFormat.json;
    }

    protected void printJson(Terminal terminal, Object document) {
        terminal.out().println(Json.write(document));
    }

    /**
     * Problems that keep a command from doing anything (nothing ran, nothing was recorded): on stderr, or as
     * {@code {"valid": false, "errors": [...]}} with {@code --format json}. Returns exit code 2.
     */
    protected int invalid(Terminal terminal, List<String> problems) {
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

    /** Diagnostics go to stderr in text, and into a JSON document on stdout with {@code --format json}. */
    protected void printDiagnostics(Terminal terminal, List<Diagnostic> diagnostics) {
        for (Diagnostic diagnostic : diagnostics) {
            String line = diagnostic.format();
            terminal.err().println(diagnostic.isError() ? terminal.red(line) : terminal.yellow(line));
        }
    }

    private void printInvalid(Terminal terminal, List<Diagnostic> diagnostics) {
        if (json()) {
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("valid", false);
            document.put("diagnostics", ManifestMaps.diagnostics(diagnostics));
            printJson(terminal, document);
            return;
        }
        printDiagnostics(terminal, diagnostics);
        long errors = diagnostics.stream().filter(Diagnostic::isError).count();
        terminal.err().println(terminal.red(errors == 1 ? "1 error" : errors + " errors"));
    }
}
