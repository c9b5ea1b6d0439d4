package io.jenkins.plugins.releasetrain.cli;

import io.jenkins.plugins.releasetrain.changelog.ChangelogMaps;
import io.jenkins.plugins.releasetrain.changelog.PlanMarkdown;
import io.jenkins.plugins.releasetrain.changelog.ReleaseChangelog;
import io.jenkins.plugins.releasetrain.ledger.EnvironmentLedger;
import io.jenkins.plugins.releasetrain.ledger.EnvironmentState;
import io.jenkins.plugins.releasetrain.ledger.Ledger;
import io.jenkins.plugins.releasetrain.manifest.LoadedManifest;
import io.jenkins.plugins.releasetrain.manifest.ManifestLoader;
import io.jenkins.plugins.releasetrain.manifest.Release;
import io.jenkins.plugins.releasetrain.plan.DeployedArtifacts;
import io.jenkins.plugins.releasetrain.plan.PlanMaps;
import io.jenkins.plugins.releasetrain.plan.ReleasePlan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

    @Mixin
    private ChangelogCommandOptions changes;

    @Mixin
    private GitAccessOptions gitAccess;

    @Override
    protected int run(Terminal terminal) throws IOException {
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
        if (!json()) {
            printDiagnostics(terminal, target.warnings());
        }
        return report(
                terminal,
                plan,
                "release " + target.release().id().shortForm() + " from " + file
                        + deployed.map(r -> ", against deployed release " + r.id().shortForm() + " from " + against)
                                .orElse(", nothing deployed yet"));
    }

    /** Prints the plan (and its changelog with --changes) in the chosen format. */
    private int report(Terminal terminal, ReleasePlan plan, String against) throws IOException {
        Optional<ReleaseChangelog> changelog;
        try {
            changelog = changes.wanted()
                    ? Optional.of(changes.changelog(plan.work(), gitAccess.access()))
                    : Optional.empty();
        } catch (IllegalArgumentException e) {
            terminal.err().println(terminal.red("release-train: error: " + e.getMessage()));
            return ExitCode.INVALID;
        }
        String environment = plan.target().environment().name();
        if (json()) {
            Map<String, Object> document = new LinkedHashMap<>(PlanMaps.plan(plan));
            changelog.ifPresent(c -> document.put("changelog", ChangelogMaps.changelog(c)));
            printJson(terminal, document);
        } else if (markdown()) {
            terminal.out().print(PlanMarkdown.of("Plan for " + environment + ": " + against, plan, changelog));
        } else {
            terminal.out().println(terminal.bold("Plan for " + environment) + "  " + against);
            terminal.out().println();
            ChangeTables.print(terminal, plan.products(), plan.artifacts());
            changelog.ifPresent(c -> ChangelogText.print(terminal, c));
        }
        return ExitCode.OK;
    }

    @Override
    protected boolean offersMarkdown() {
        return true;
    }

    private int planAgainstLedger(Terminal terminal, LoadedManifest target) throws IOException {
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
        if (!json()) {
            printDiagnostics(terminal, target.warnings());
            records.warnings().forEach(w -> terminal.err().println(terminal.yellow(w.format())));
        }
        return report(
                terminal,
                plan,
                "release " + release.id().shortForm() + " from " + file + ", against what " + records.file()
                        + " says is live" + (state.isEmpty() ? " (nothing yet)" : ""));
    }
}
