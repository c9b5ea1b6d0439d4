package io.jenkins.plugins.releasetrain.cli;

import io.jenkins.plugins.releasetrain.image.ImageRegistry;
import io.jenkins.plugins.releasetrain.image.RegistryException;
import io.jenkins.plugins.releasetrain.image.layout.OciLayoutRegistry;
import io.jenkins.plugins.releasetrain.ledger.Ledger;
import io.jenkins.plugins.releasetrain.ledger.LedgerException;
import io.jenkins.plugins.releasetrain.manifest.Artifact;
import io.jenkins.plugins.releasetrain.manifest.ImageArtifact;
import io.jenkins.plugins.releasetrain.manifest.LoadedManifest;
import io.jenkins.plugins.releasetrain.manifest.ManifestLoader;
import io.jenkins.plugins.releasetrain.plan.HandlerDirectory;
import io.jenkins.plugins.releasetrain.plan.InvalidRunException;
import io.jenkins.plugins.releasetrain.plan.RegistryImageTagging;
import io.jenkins.plugins.releasetrain.plan.ReleaseRunner;
import io.jenkins.plugins.releasetrain.plan.RunListener;
import io.jenkins.plugins.releasetrain.plan.RunOptions;
import io.jenkins.plugins.releasetrain.plan.RunReport;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code release-train demo}: the main job end to end on the examples, with nothing to install: the example
 * images are built into an OCI layout, then staging and then production are released with the demo
 * handlers, tagging the images and recording everything in a ledger.
 */
@Command(
        name = "demo",
        description = {
            "Run the main job end to end on the shipped examples: build the example images into an OCI layout"
                    + " under the work directory, release staging then production with examples/handlers (which"
                    + " print what they would deploy), tag every image by digest, record it all in a ledger,"
                    + " and print where to look.",
            "Starts afresh each time in its own work directory."
        },
        mixinStandardHelpOptions = true)
public final class DemoCommand extends CliCommand {

    /** Marks a directory as the demo's own, so that starting afresh never deletes anything else. */
    private static final String MARKER = ".release-train-demo";

    private static final List<String> RELEASES = List.of("staging-us-east-2.yaml", "production-us-east-2.yaml");

    @Option(
            names = "--work",
            paramLabel = "DIR",
            defaultValue = "work/demo",
            description = "Where the images and the ledger go (default: ${DEFAULT-VALUE}).")
    private Path work;

    @Option(
            names = "--examples",
            paramLabel = "DIR",
            description = "The examples directory, with releases/ and handlers/ (default: examples/ of this checkout).")
    private Path examples;

    @Option(
            names = "--actor",
            paramLabel = "NAME",
            defaultValue = "${sys:user.name}",
            description = "Who runs the releases, as recorded (default: ${DEFAULT-VALUE}).")
    private String actor;

    @Override
    protected int run(Terminal terminal) throws IOException, InterruptedException {
        Optional<Path> found = examples != null ? Optional.of(examples) : findExamples();
        if (found.isEmpty() || !Files.isDirectory(found.get().resolve("releases"))) {
            return invalid(
                    terminal,
                    "no examples directory: run the demo from the project's checkout, or pass"
                            + " --examples DIR (the directory with releases/ and handlers/)");
        }
        Path examplesDir = found.get();
        if (!startAfresh(terminal)) {
            return ExitCode.INVALID;
        }
        Path images = work.resolve("images");
        Path ledgerDir = work.resolve("ledger");
        List<LoadedManifest> releases = new ArrayList<>();
        for (String release : RELEASES) {
            releases.add(
                    new ManifestLoader().load(examplesDir.resolve("releases").resolve(release)));
        }
        try (ImageRegistry registry = new OciLayoutRegistry(images)) {
            Set<String> built = buildImages(registry, releases);
            if (!json()) {
                terminal.out()
                        .println(terminal.bold("Release Train demo") + " in " + work + ": staging, then"
                                + " production, with the demo handlers of " + shown(examplesDir.resolve("handlers")));
                terminal.out()
                        .println("Built the example images " + String.join(", ", built) + " into "
                                + registry.reference());
                terminal.out().println();
            }
            List<Map<String, Object>> documents = new ArrayList<>();
            boolean failed = false;
            for (int i = 0; i < releases.size(); i++) {
                LoadedManifest manifest = releases.get(i);
                Path file = Path.of(shown(examplesDir.resolve("releases").resolve(RELEASES.get(i))));
                ReleaseRunner runner = new ReleaseRunner(
                        Ledger.open(ledgerDir),
                        Optional.of(HandlerDirectory.of(examplesDir.resolve("handlers"))),
                        new RegistryImageTagging(registry),
                        RunOptions.defaults(),
                        Clock.systemUTC());
                RunListener progress =
                        json() ? RunListener.NONE : new RunProgress(terminal, "from " + file, Duration.ZERO);
                RunReport report = runner.run(manifest, actor, Duration.ZERO, progress);
                Path ledgerFile = Ledger.open(ledgerDir)
                        .file(manifest.release().environment().name());
                if (json()) {
                    documents.add(RunOutput.document(report, ledgerFile));
                } else {
                    RunOutput.report(terminal, false, report, ledgerFile);
                    terminal.out().println();
                }
                failed |= report.failed();
            }
            if (json()) {
                Map<String, Object> document = new LinkedHashMap<>();
                document.put("work", work.toString());
                document.put("images", registry.reference());
                document.put("ledger", ledgerDir.toString());
                document.put("runs", documents);
                printJson(terminal, document);
            } else {
                whereToLook(terminal, examplesDir, images, ledgerDir);
            }
            return failed ? ExitCode.FAILED : ExitCode.OK;
        } catch (RegistryException e) {
            terminal.err().println(terminal.red("release-train: cannot build the demo images: " + e.getMessage()));
            return ExitCode.FAILED;
        } catch (InvalidRunException e) {
            return invalid(terminal, e.getMessage());
        } catch (LedgerException e) {
            terminal.err().println(terminal.red("release-train: ledger: " + e.getMessage()));
            return ExitCode.FAILED;
        }
    }

    /** Every source image the example releases name, built once each. */
    private static Set<String> buildImages(ImageRegistry registry, List<LoadedManifest> releases)
            throws RegistryException {
        Set<String> built = new LinkedHashSet<>();
        for (LoadedManifest manifest : releases) {
            for (Artifact artifact : manifest.release().artifacts()) {
                if (artifact instanceof ImageArtifact image) {
                    String name = image.image().repoName() + ":" + image.image().sourceTag();
                    if (built.add(name)) {
                        DemoImages.push(
                                registry,
                                image.image().repoName(),
                                image.image().sourceTag());
                    }
                }
            }
        }
        return built;
    }

    private void whereToLook(Terminal terminal, Path examplesDir, Path images, Path ledgerDir) {
        String ledger = ledgerDir.toString();
        String staging = shown(examplesDir.resolve("releases/staging-us-east-2.yaml"));
        String production = shown(examplesDir.resolve("releases/production-us-east-2.yaml"));
        terminal.out().println(terminal.bold("Where to look"));
        TextTable table = new TextTable("WHAT", "WHERE");
        table.row(
                "the ledger",
                ledgerDir.resolve("staging-us-east-2.jsonl") + ", " + ledgerDir.resolve("production-us-east-2.jsonl")
                        + " (one JSON record per line)");
        table.row(
                "the images",
                images.resolve("product1/microservice-2/index.json") + " (dev_456 and stage_us_456: one digest)");
        table.row("what is live", "release-train state production-us-east-2 --ledger " + ledger);
        table.row("every run", "release-train history staging-us-east-2 --ledger " + ledger);
        table.row(
                "the release board",
                "release-train board --ledger " + ledger + " --serve 8080   (then open http://127.0.0.1:8080/)");
        table.row("staging vs production", "release-train diff " + staging + " " + production);
        table.row(
                "run it again",
                "release-train run " + staging + " --ledger " + ledger + " --handlers "
                        + shown(examplesDir.resolve("handlers")) + " --registry oci-layout:" + images
                        + "   (all unchanged)");
        table.print(terminal);
    }

    /** Empties the work directory if it is the demo's own; refuses to touch any other non-empty directory. */
    private boolean startAfresh(Terminal terminal) throws IOException {
        if (Files.isDirectory(work) && !isEmpty(work)) {
            if (!Files.exists(work.resolve(MARKER))) {
                invalid(
                        terminal,
                        work + " is not empty and was not made by the demo; give --work a new or empty" + " directory");
                return false;
            }
            deleteTree(work);
        }
        Files.createDirectories(work);
        Files.writeString(work.resolve(MARKER), "made by release-train demo; deleted by its next run\n");
        return true;
    }

    /** A path under the working directory as a relative one, shorter to read and to copy. */
    private static String shown(Path path) {
        Path here = Path.of("").toAbsolutePath();
        Path absolute = path.toAbsolutePath().normalize();
        return absolute.startsWith(here) ? here.relativize(absolute).toString() : absolute.toString();
    }

    private static Optional<Path> findExamples() {
        Path dir = Path.of("").toAbsolutePath();
        for (int i = 0; i < 4 && dir != null; i++, dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("examples/releases/staging-us-east-2.yaml"))) {
                return Optional.of(dir.resolve("examples"));
            }
        }
        return Optional.empty();
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            return !entries.iterator().hasNext();
        }
    }

    private static void deleteTree(Path root) throws IOException {
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private int invalid(Terminal terminal, String message) {
        terminal.err().println(terminal.red("release-train: error: " + message));
        return ExitCode.INVALID;
    }
}
