package io.jenkins.plugins.releasetrain.cli;

import io.jenkins.plugins.releasetrain.manifest.ManifestLoader;
import io.jenkins.plugins.releasetrain.manifest.Release;
import io.jenkins.plugins.releasetrain.plan.EnvironmentDiff;
import io.jenkins.plugins.releasetrain.plan.PlanMaps;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code release-train diff FROM TO}: what promoting one environment's release into another would change. */
@Command(
        name = "diff",
        description = "Compare two environments: what TO (say production) would gain, change or lose if FROM (say"
                + " staging) were promoted into it. Destination tags are not compared.",
        mixinStandardHelpOptions = true)
public final class DiffCommand extends CliCommand {

    @Parameters(index = "0", paramLabel = "FROM", description = "Manifest of the environment promoted from.")
    private Path from;

    @Parameters(index = "1", paramLabel = "TO", description = "Manifest of the environment promoted into.")
    private Path to;

    @Override
    protected int run(Terminal terminal) {
        ManifestLoader loader = new ManifestLoader();
        Release source = loader.load(from).release();
        Release target = loader.load(to).release();
        EnvironmentDiff diff = EnvironmentDiff.of(source, target);
        if (json()) {
            printJson(terminal, PlanMaps.diff(diff));
            return ExitCode.OK;
        }
        terminal.out()
                .println(terminal.bold("Promoting " + source.environment().name() + " into "
                                + target.environment().name())
                        + (diff.isInSync() ? ": already in sync" : ""));
        terminal.out().println();
        ChangeTables.print(terminal, diff.products(), diff.artifacts());
        return ExitCode.OK;
    }
}
