package io.jenkins.plugins.releasetrain.cli;

import io.jenkins.plugins.releasetrain.image.ImageRegistry;
import io.jenkins.plugins.releasetrain.image.Registries;
import io.jenkins.plugins.releasetrain.image.RegistryOptions;
import io.jenkins.plugins.releasetrain.ledger.Ledger;
import io.jenkins.plugins.releasetrain.plan.HandlerDirectory;
import io.jenkins.plugins.releasetrain.plan.InvalidRunException;
import io.jenkins.plugins.releasetrain.plan.RunOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The options of everything that runs a release ({@code run}, {@code rollback}): where, with what, how. */
public final class RunSettings {

    @Option(names = "--ledger", required = true, paramLabel = "DIR", description = "The ledger directory.")
    Path ledgerDir;

    @Option(
            names = "--handlers",
            paramLabel = "DIR",
            description = "Directory with one executable per workflowBase (required when deployments run).")
    Path handlersDir;

    @Option(
            names = "--registry",
            paramLabel = "REF",
            description = "Where to tag the images: https://HOST[:PORT], http://HOST[:PORT], HOST[:PORT],"
                    + " oci-layout:DIR or ecr:REGION[:ACCOUNT] (see tag-images). Without it, images are"
                    + " reported skipped.")
    String registry;

    @Option(names = "--insecure", description = "Allow plain http for a HOST[:PORT] registry reference.")
    boolean insecure;

    @Option(
            names = "--concurrency",
            paramLabel = "N",
            defaultValue = "4",
            description = "Artifacts run at once (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(
            names = "--timeout",
            paramLabel = "DURATION",
            defaultValue = "30m",
            converter = DurationConverter.class,
            description = "Time limit of one handler, after which it is killed (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(
            names = "--verify-attempts",
            paramLabel = "N",
            defaultValue = "1",
            description = "Times the handlers directory's verify handler may run after a successful release before"
                    + " the release counts as failing verification, 1 to 10 (default: ${DEFAULT-VALUE}).")
    int verifyAttempts;

    @Option(names = "--wait", description = "Wait for a run of the same environment to finish instead of refusing.")
    boolean waitForLock;

    @Option(
            names = "--wait-timeout",
            paramLabel = "DURATION",
            defaultValue = "10m",
            converter = DurationConverter.class,
            description = "How long --wait waits (default: ${DEFAULT-VALUE}).")
    Duration waitTimeout;

    @Option(
            names = "--actor",
            paramLabel = "NAME",
            defaultValue = "${sys:user.name}",
            description = "Who runs the release, as recorded (default: the user name, ${DEFAULT-VALUE}).")
    String actor;

    Ledger ledger() {
        return Ledger.open(ledgerDir);
    }

    /** Why the ledger cannot be used, when so: a file where its directory should be. */
    Optional<String> ledgerProblem() {
        if (Files.exists(ledgerDir) && !Files.isDirectory(ledgerDir)) {
            return Optional.of("--ledger " + ledgerDir + " is not a directory: give the ledger's"
                    + " directory (it is created on the first run)");
        }
        return Optional.empty();
    }

    /**
     * The registry --registry names, opened; empty without one. The caller closes it.
     *
     * @throws IllegalArgumentException with a message for the user when --registry is unusable
     */
    Optional<ImageRegistry> openRegistry() {
        if (registry == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Registries.open(registry, RegistryOptions.DEFAULTS.withInsecure(insecure)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--registry: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "--registry: cannot read the registry configuration: " + e.getMessage(), e);
        }
    }

    /** What a command does with the registry --registry names (empty without one); it is closed after. */
    @FunctionalInterface
    interface WithRegistry {
        int run(Optional<ImageRegistry> images) throws InterruptedException;
    }

    /**
     * Opens the registry, runs {@code work} with it and closes it; an unusable --registry is reported through
     * {@code invalid} instead.
     */
    int withRegistry(WithRegistry work, java.util.function.Function<String, Integer> invalid)
            throws InterruptedException {
        Optional<ImageRegistry> images;
        try {
            images = openRegistry();
        } catch (IllegalArgumentException e) {
            return invalid.apply(e.getMessage());
        }
        try {
            return work.run(images);
        } finally {
            images.ifPresent(ImageRegistry::close);
        }
    }

    Optional<HandlerDirectory> handlers() throws InvalidRunException {
        return handlersDir == null ? Optional.empty() : Optional.of(HandlerDirectory.of(handlersDir));
    }

    RunOptions options(boolean resume, boolean all) {
        return new RunOptions(concurrency, timeout, resume, all, RunOptions.DEFAULT_OUTPUT_LIMIT, verifyAttempts);
    }

    Duration lockWait() {
        return waitForLock ? waitTimeout : Duration.ZERO;
    }
}
