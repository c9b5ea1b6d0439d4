package io.jenkins.plugins.releasetrain.cli;

import io.jenkins.plugins.releasetrain.gitops.GitOpsMaps;
import io.jenkins.plugins.releasetrain.gitops.Identity;
import io.jenkins.plugins.releasetrain.gitops.ManifestAtRevision;
import io.jenkins.plugins.releasetrain.gitops.ManifestAuthorship;
import io.jenkins.plugins.releasetrain.gitops.ManifestChange;
import io.jenkins.plugins.releasetrain.gitops.ManifestRepository;
import io.jenkins.plugins.releasetrain.manifest.Artifact;
import io.jenkins.plugins.releasetrain.manifest.ManifestMaps;
import io.jenkins.plugins.releasetrain.manifest.Release;
import io.jenkins.plugins.releasetrain.plan.PlanMaps;
import io.jenkins.plugins.releasetrain.plan.ReleasePlan;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code release-train show --repo R --ref REF --path P [--deployed-at REF]}: a manifest as it is in git at
 * a revision, and, against the last released revision, the plan and who changed the manifest since.
 */
@Command(
        name = "show",
        description = "Show the release manifest at a branch, tag or commit of a git repository, without a"
                + " checkout. With --deployed-at, also plan it against the manifest of the last released commit"
                + " and list who changed it since (authors, committers, co-authors).",
        mixinStandardHelpOptions = true)
public final class ShowCommand extends GitCommand {

    @Option(
            names = "--ref",
            paramLabel = "REF",
            defaultValue = "HEAD",
            description = "Branch, tag or commit (default: HEAD).")
    private String ref;

    @Option(
            names = "--path",
            required = true,
            paramLabel = "PATH",
            description = "The manifest's path in the repository.")
    private String path;

    @Option(
            names = "--deployed-at",
            paramLabel = "REF",
            description = "The last released commit (or tag): plan against the manifest as it was there, and list"
                    + " who changed it since.")
    private String deployedAt;

    @Override
    protected int runGit(Terminal terminal) {
        try (ManifestRepository manifests = repository.open(terminal)) {
            ManifestAtRevision current = manifests.read(ref, path);
            Optional<ManifestAtRevision> deployed =
                    Optional.ofNullable(deployedAt).map(at -> manifests.manifestAsOf(at, path, ref));
            Optional<ReleasePlan> plan = deployed.map(d -> ReleasePlan.of(current.release(), Optional.of(d.release())));
            Optional<ManifestAuthorship> authorship =
                    deployed.map(d -> manifests.authorship(path, Optional.of(d.commit()), current.commit()));
            if (json()) {
                Map<String, Object> document = new LinkedHashMap<>(GitOpsMaps.manifest(current));
                document.put("release", ManifestMaps.release(current.release()));
                document.put(
                        "warnings", ManifestMaps.diagnostics(current.manifest().warnings()));
                document.put("deployed", deployed.map(GitOpsMaps::manifest).orElse(null));
                document.put("plan", plan.map(PlanMaps::plan).orElse(null));
                document.put(
                        "authorship", authorship.map(GitOpsMaps::authorship).orElse(null));
                printJson(terminal, document);
                return ExitCode.OK;
            }
            printDiagnostics(terminal, current.manifest().warnings());
            Release release = current.release();
            terminal.out()
                    .println(terminal.bold(current.path() + " at " + current.revision()) + " (commit "
                            + current.shortCommit() + ") in " + current.repository());
            terminal.out()
                    .println(release.environment().name() + ": release "
                            + release.id().shortForm());
            terminal.out().println();
            TextTable artifacts = new TextTable("ARTIFACT", "VERSION", "PRODUCT VERSION");
            for (Artifact artifact : release.artifacts()) {
                artifacts.row(
                        artifact.id(),
                        artifact.displayVersion(),
                        release.product(artifact.product()).orElseThrow().displayVersion());
            }
            artifacts.print(terminal);
            if (deployed.isPresent()) {
                terminal.out().println();
                terminal.out()
                        .println(terminal.bold("Plan against " + deployed.get().revision()) + " (commit "
                                + deployed.get().shortCommit() + ", "
                                + deployed.get().path() + ")");
                terminal.out().println();
                ChangeTables.print(terminal, plan.get().products(), plan.get().artifacts());
                printAuthorship(terminal, authorship.get(), deployed.get());
            }
            return ExitCode.OK;
        }
    }

    private static void printAuthorship(Terminal terminal, ManifestAuthorship authorship, ManifestAtRevision since) {
        terminal.out().println();
        if (!authorship.sinceIsAncestor()) {
            terminal.err()
                    .println(terminal.yellow("warning: " + since.revision() + " is not in the history of this"
                            + " revision; listing the changes it lacks"));
        }
        if (authorship.isEmpty()) {
            terminal.out().println("Nobody changed " + authorship.path() + " since " + since.revision());
            return;
        }
        terminal.out()
                .println(terminal.bold("Changed since " + since.revision() + " by: ")
                        + authorship.people().stream().map(Identity::toString).collect(Collectors.joining(", ")));
        TextTable changes = new TextTable("COMMIT", "AUTHOR", "SUMMARY");
        for (ManifestChange change : authorship.changes()) {
            changes.row(change.shortCommit(), change.author().toString(), change.summary());
        }
        changes.print(terminal);
    }
}
