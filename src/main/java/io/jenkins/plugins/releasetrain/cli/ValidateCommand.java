package io.jenkins.plugins.releasetrain.cli;

import io.jenkins.plugins.releasetrain.manifest.Diagnostic;
import io.jenkins.plugins.releasetrain.manifest.LoadedManifest;
import io.jenkins.plugins.releasetrain.manifest.ManifestException;
import io.jenkins.plugins.releasetrain.manifest.ManifestLoader;
import io.jenkins.plugins.releasetrain.manifest.ManifestMaps;
import io.jenkins.plugins.releasetrain.manifest.Release;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code release-train validate FILE...}: every error of every file, in one run. */
@Command(
        name = "validate",
        description = "Check release manifests and report every error as FILE:LINE:COL.",
        mixinStandardHelpOptions = true)
public final class ValidateCommand extends CliCommand {

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Release manifests to check.")
    private List<Path> files;

    @Override
    protected int run(Terminal terminal) {
        ManifestLoader loader = new ManifestLoader();
        List<Map<String, Object>> results = new ArrayList<>();
        int invalid = 0;
        for (Path file : files) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("file", file.toString());
            try {
                LoadedManifest manifest = loader.load(file);
                result.put("valid", true);
                result.put("releaseId", manifest.release().id().value());
                result.put("diagnostics", ManifestMaps.diagnostics(manifest.warnings()));
                if (!json()) {
                    printDiagnostics(terminal, manifest.warnings());
                    terminal.out().println(terminal.green("ok") + "  " + file + "  " + summary(manifest.release()));
                }
            } catch (ManifestException e) {
                invalid++;
                result.put("valid", false);
                result.put("diagnostics", ManifestMaps.diagnostics(e.diagnostics()));
                if (!json()) {
                    printDiagnostics(terminal, e.diagnostics());
                    long errors =
                            e.diagnostics().stream().filter(Diagnostic::isError).count();
                    terminal.out()
                            .println(terminal.red("invalid") + "  " + file + "  " + errors
                                    + (errors == 1 ? " error" : " errors"));
                }
            }
            results.add(result);
        }
        if (json()) {
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("valid", invalid == 0);
            document.put("files", results);
            printJson(terminal, document);
        }
        return invalid == 0 ? ExitCode.OK : ExitCode.INVALID;
    }

    private static String summary(Release release) {
        long deployments = release.products().stream()
                .mapToLong(p -> p.deployments().size())
                .sum();
        long images =
                release.products().stream().mapToLong(p -> p.images().size()).sum();
        return release.environment().name() + ": " + count(release.products().size(), "product") + ", "
                + count(deployments, "deployment") + ", " + count(images, "image") + " (release "
                + release.id().shortForm() + ")";
    }

    static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
