package io.jenkins.plugins.releasetrain.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code release-train}: the engine of the Jenkins plugin as a command line that runs wherever Java 17 runs. */
@Command(
        name = "release-train",
        description = "Coordinated, approved, auditable releases of many artifacts at once.",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        subcommands = {
            ValidateCommand.class,
            PlanCommand.class,
            DiffCommand.class,
            SchemaCommand.class,
            TagImagesCommand.class,
            ShowCommand.class,
            PromoteCommand.class,
            RunCommand.class,
            RollbackCommand.class,
            StateCommand.class,
            HistoryCommand.class,
            DemoCommand.class,
            ApproveCommand.class,
            RejectCommand.class,
            ApprovalsCommand.class,
            BoardCommand.class,
            RecordCommand.class,
            CommandLine.HelpCommand.class
        },
        footer = {"", "Exit codes: 0 ok, 1 the work failed, 2 invalid input or usage, 3 awaiting approval."})
public final class ReleaseTrainCli implements java.util.concurrent.Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        // JGit logs through SLF4J, which warns on stderr at every run that no logger is bound; a CLI has none.
        if (System.getProperty("slf4j.internal.verbosity") == null) {
            System.setProperty("slf4j.internal.verbosity", "ERROR");
        }
        // UTF-8 whatever the platform default: manifest values may hold any character.
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        System.exit(execute(out, err, args));
    }

    /** Runs one command line against the given streams; what tests and the shipped jar both call. */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine commandLine = new CommandLine(new ReleaseTrainCli());
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler((exception, line, parseResult) -> {
            // Expected failures are handled by each command; anything reaching here is a bug worth a trace.
            line.getErr().println("release-train: internal error: " + exception);
            exception.printStackTrace(line.getErr());
            return ExitCode.FAILED;
        });
        commandLine.setParameterExceptionHandler(ReleaseTrainCli::usageError);
        return commandLine.execute(args);
    }

    /**
     * A usage mistake in one line or two: an unknown option is named, with the option it is closest to, before
     * whatever it caused (a required option that then seems missing), and the usage is one --help away.
     */
    private static int usageError(CommandLine.ParameterException exception, String[] args) {
        CommandLine line = exception.getCommandLine();
        PrintWriter err = line.getErr();
        String command = line.getCommandSpec().qualifiedName();
        java.util.List<String> unmatched = line.getUnmatchedArguments();
        if (!unmatched.isEmpty()) {
            String unknown = unmatched.get(0);
            if (unknown.startsWith("-")) {
                String name = unknown.contains("=") ? unknown.substring(0, unknown.indexOf('=')) : unknown;
                err.println(command + ": unknown option " + name
                        + io.jenkins.plugins.releasetrain.manifest.Suggestions.closest(
                                        name, line.getCommandSpec().optionsMap().keySet())
                                .map(closest -> "; did you mean " + closest + "?")
                                .orElse(""));
            } else {
                err.println(command + ": unexpected argument " + unknown);
            }
        } else {
            err.println(command + ": " + exception.getMessage());
        }
        err.println("See '" + command + " --help' for its options.");
        return ExitCode.INVALID;
    }

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("release-train: a command is required");
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCode.INVALID;
    }
}
