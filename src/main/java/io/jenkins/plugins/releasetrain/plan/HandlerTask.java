package io.jenkins.plugins.releasetrain.plan;

import io.jenkins.plugins.releasetrain.ledger.ArtifactResult;
import io.jenkins.plugins.releasetrain.manifest.DeploymentArtifact;
import io.jenkins.plugins.releasetrain.manifest.Release;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Runs a deployment's handler, {@code HANDLERS/<workflowBase>}, as its own process: no shell, no
 * arguments, the release context ({@link ReleaseContext}) in its environment, a fresh empty working
 * directory, stdout and stderr captured together (the tail is kept), and a time limit after which the
 * handler and every process it started are killed. Manifest values reach the handler only as environment
 * variables, never through a command line, so no value can inject a command. Where the platform allows
 * it ({@link ParentDeathSignal}), a handler dies with the runner, even when the runner is killed.
 */
public final class HandlerTask {

    /** How long to wait for a killed process to go, and for the output of an ended one to drain. */
    private static final Duration GRACE = Duration.ofSeconds(10);

    private final HandlerDirectory handlers;
    private final Duration timeout;
    private final int outputLimit;
    private final ParentDeathSignal parentDeath;

    public HandlerTask(HandlerDirectory handlers, Duration timeout, int outputLimit) {
        this(handlers, timeout, outputLimit, ParentDeathSignal.probe());
    }

    HandlerTask(HandlerDirectory handlers, Duration timeout, int outputLimit, ParentDeathSignal parentDeath) {
        this.handlers = Objects.requireNonNull(handlers, "handlers");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.outputLimit = outputLimit;
        this.parentDeath = Objects.requireNonNull(parentDeath, "parentDeath");
    }

    public HandlerDirectory handlers() {
        return handlers;
    }

    /**
     * Runs the deployment's handler. When the calling thread is interrupted (the run is cancelled), the
     * handler and its children are killed and the outcome is {@code cancelled}, with their output; the
     * thread's interrupt status is set again.
     */
    public TaskOutcome run(Release release, DeploymentArtifact artifact) throws InterruptedException {
        Path handler;
        try {
            handler = handlers.handler(artifact.deployment().workflowBase());
        } catch (InvalidRunException e) {
            return TaskOutcome.failed(e.getMessage(), "");
        }
        Path workDir;
        try {
            workDir = Files.createTempDirectory(
                    "release-train-" + artifact.deployment().gitRepoShortName() + "-");
        } catch (IOException e) {
            return TaskOutcome.failed("cannot create a working directory: " + e.getMessage(), "");
        }
        try {
            return run(handler, workDir, ReleaseContext.of(release, artifact))
                    .withDetails(Map.of(
                            ArtifactResult.HANDLER,
                            handlers.directory().relativize(handler).toString()));
        } finally {
            deleteQuietly(workDir);
        }
    }

    /**
     * Runs {@code executable} (a handler of this directory, such as {@link HandlerDirectory#VERIFY}) once, as a
     * deployment handler runs, with {@code context} in its environment.
     */
    public TaskOutcome run(Path executable, Map<String, String> context) throws InterruptedException {
        Path workDir;
        try {
            workDir = Files.createTempDirectory("release-train-verify-");
        } catch (IOException e) {
            return TaskOutcome.failed("cannot create a working directory: " + e.getMessage(), "");
        }
        try {
            return run(executable, workDir, context);
        } finally {
            deleteQuietly(workDir);
        }
    }

    private TaskOutcome run(Path handler, Path workDir, Map<String, String> context) throws InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(parentDeath.command(handler))
                .directory(workDir.toFile())
                .redirectErrorStream(true);
        Map<String, String> environment = builder.environment();
        // The handler inherits PATH, HOME and credentials; never a RELEASE_* value from whoever started us.
        environment.keySet().removeIf(name -> name.startsWith("RELEASE_"));
        environment.putAll(context);
        OutputTail output = new OutputTail(outputLimit);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            return TaskOutcome.failed("cannot start the handler " + handler + ": " + e.getMessage(), "");
        }
        closeQuietly(process);
        Thread pump = pump(process, output, context.get(ReleaseContext.ARTIFACT_ID));
        boolean ended;
        try {
            ended = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            // Cancelled: stop everything it started, keep what it printed, and leave the interrupt visible.
            killTree(process);
            drain(process, pump);
            Thread.currentThread().interrupt();
            return TaskOutcome.cancelled(
                    "cancelled while running; the handler and the processes it started were killed", output.text());
        }
        if (!ended) {
            killTree(process);
            drain(process, pump);
            return TaskOutcome.failed(
                    "timed out after " + Durations.format(timeout)
                            + "; the handler and the processes it started were killed",
                    output.text());
        }
        // A handler that left a process behind holding its output must not hold up the run.
        drain(process, pump);
        int exit = process.exitValue();
        if (exit == 0) {
            return TaskOutcome.succeeded("exit 0", output.text());
        }
        return ExitSignal.interrupt(exit)
                .map(signal -> TaskOutcome.interrupted("exit " + exit + " (stopped by " + signal + ")", output.text()))
                .orElseGet(() -> TaskOutcome.failed("exit " + exit, output.text()));
    }

    private static Thread pump(Process process, OutputTail output, String artifactId) {
        Thread pump = new Thread(
                () -> {
                    byte[] buffer = new byte[8192];
                    try (InputStream in = process.getInputStream()) {
                        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                            output.write(buffer, 0, n);
                        }
                    } catch (IOException e) {
                        // The process is gone or its pipe closed: what was read is what there is.
                    }
                },
                "release-train-output-" + artifactId);
        pump.setDaemon(true);
        pump.start();
        return pump;
    }

    /**
     * Kills the handler and everything it started. Descendants are listed first: once the handler is dead
     * its children are re-parented and can no longer be found from it. Killed through its handle, not
     * {@link Process#destroyForcibly()}, which also closes the output pipe and loses what is still unread in it.
     */
    static void killTree(Process process) throws InterruptedException {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.toHandle().destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
        process.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Waits, within the grace, for the output to be read to its end; a process left behind that still holds the
     * pipe open then has it closed under it, so that the reading thread ends too.
     */
    private static void drain(Process process, Thread pump) throws InterruptedException {
        pump.join(GRACE.toMillis());
        if (pump.isAlive()) {
            try {
                process.getInputStream().close();
            } catch (IOException e) {
                // closing only unblocks the reader; nothing was lost that it could still have read
            }
        }
    }

    private static void closeQuietly(Process process) {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // a handler that reads stdin sees end of file either way
        }
    }

    private static void deleteQuietly(Path directory) {
        try {
            Files.walkFileTree(directory, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // A handler's leftovers in the temporary directory are not worth failing a deployment for.
        }
    }
}
