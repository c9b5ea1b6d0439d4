package io.jenkins.plugins.releasetrain.cli;

import io.jenkins.plugins.releasetrain.ledger.EnvironmentLedger;
import io.jenkins.plugins.releasetrain.ledger.EnvironmentState;
import io.jenkins.plugins.releasetrain.ledger.Ledger;
import io.jenkins.plugins.releasetrain.manifest.LoadedManifest;
import io.jenkins.plugins.releasetrain.manifest.ManifestLoader;
import io.jenkins.plugins.releasetrain.manifest.Release;
import io.jenkins.plugins.releasetrain.plan.DeployedArtifacts;
import io.jenkins.plugins.releasetrain.plan.PlanMaps;
import io.jenkins.plugins.releasetrain.plan.ReleasePlan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code release-train plan FILE [--against FILE | --ledger DIR]}: what a run would change in the environment. */
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

    @Option(
            names = "--ledger",
            paramLabel = "DIR",
            description = "Plan against what this ledger says is live in the environment, artifact by artifact.")
    private Path ledger;

    @Override
    protected int run(Terminal terminal) {
        ManifestLoader loader = new ManifestLoader();
        LoadedManifest target = loader.load(file);
        if (ledger != null) {
            if (against != null) {
                terminal.err().println(terminal.red("release-train: error: give --against or --ledger, not both"));
                return ExitCode.INVALID;
            }
            return planAgainstLedger(terminal, target);
        }
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

    private int planAgainstLedger(Terminal terminal, LoadedManifest target) {
        if (Files.exists(ledger) && !Files.isDirectory(ledger)) {
            terminal.err().println(terminal.red("release-train: error: --ledger " + ledger + " is not a directory"));
            return ExitCode.INVALID;
        }
        Release release = target.release();
        EnvironmentLedger records =
                Ledger.open(ledger).read(release.environment().name());
        EnvironmentState state = records.state();
        ReleasePlan plan =
                ReleasePlan.of(release, new DeployedArtifacts(state.deployedArtifacts(), state.productVersions()));
        if (json()) {
            printJson(terminal, PlanMaps.plan(plan));
            return ExitCode.OK;
        }
        printDiagnostics(terminal, target.warnings());
        records.warnings().forEach(w -> terminal.err().println(terminal.yellow(w.format())));
        terminal.out()
                .println(terminal.bold("Plan for " + release.environment().name()) + "  release "
                        + release.id().shortForm() + " from " + file + ", against what " + records.file()
                        + " says is live"
                        + (state.isEmpty() ? " (nothing yet)" : ""));
        terminal.out().println();
        ChangeTables.print(terminal, plan.products(), plan.artifacts());
        return ExitCode.OK;
    }
}
