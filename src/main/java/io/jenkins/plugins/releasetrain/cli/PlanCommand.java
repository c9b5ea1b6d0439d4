package io.jenkins.plugins.releasetrain.cli;

import io.jenkins.plugins.releasetrain.manifest.LoadedManifest;
import io.jenkins.plugins.releasetrain.manifest.ManifestLoader;
import io.jenkins.plugins.releasetrain.manifest.Release;
import io.jenkins.plugins.releasetrain.plan.PlanMaps;
import io.jenkins.plugins.releasetrain.plan.ReleasePlan;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code release-train plan FILE [--against FILE]}: what a run would change in the environment. */
@Command(
        name = "plan",
        description = "Show what releasing a manifest would change: each artifact added, changed, unchanged or"
                + " removed compared with what is deployed.",
        mixinStandardHelpOptions = true)
public final class PlanCommand extends CliCommand {

    @Parameters(index = "0", paramLabel = "FILE", description = "The release manifest to plan.")
    private Path file;

    @Option(
            names = "--against",
            paramLabel = "FILE",
            description = "The manifest of the release deployed in that environment (default: nothing deployed).")
    private Path against;

    @Override
    protected int run(Terminal terminal) {
        ManifestLoader loader = new ManifestLoader();
        LoadedManifest target = loader.load(file);
        Optional<Release> deployed =
                Optional.ofNullable(against).map(loader::load).map(LoadedManifest::release);
        if (deployed.isPresent()
                && !deployed.get()
                        .environment()
                        .name()
                        .equals(target.release().environment().name())) {
            terminal.err()
                    .println(terminal.yellow("warning: " + against + " is for environment '"
                            + deployed.get().environment().name() + "', not '"
                            + target.release().environment().name()
                            + "'; to compare environments use `release-train diff`"));
        }
        ReleasePlan plan = ReleasePlan.of(target.release(), deployed);
        if (json()) {
            printJson(terminal, PlanMaps.plan(plan));
            return ExitCode.OK;
        }
        printDiagnostics(terminal, target.warnings());
        terminal.out()
                .println(terminal.bold(
                                "Plan for " + target.release().environment().name()) + "  release "
                        + target.release().id().shortForm() + " from " + file
                        + deployed.map(r -> ", against deployed release " + r.id().shortForm() + " from " + against)
                                .orElse(", nothing deployed yet"));
        terminal.out().println();
        ChangeTables.print(terminal, plan.products(), plan.artifacts());
        return ExitCode.OK;
    }
}
