package io.jenkins.plugins.releasetrain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.releasetrain.ledger.ArtifactResult;
import io.jenkins.plugins.releasetrain.ledger.ArtifactStatus;
import io.jenkins.plugins.releasetrain.ledger.Ledger;
import io.jenkins.plugins.releasetrain.ledger.ReleaseRun;
import io.jenkins.plugins.releasetrain.ledger.ReleaseStatus;
import io.jenkins.plugins.releasetrain.testing.FileWait;
import io.jenkins.plugins.releasetrain.testing.Fixtures;
import io.jenkins.plugins.releasetrain.testing.RequiresTools;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code release-train run} interrupted the ways it really is: a terminal's Ctrl-C, which the kernel sends as
 * SIGINT to every process of the foreground process group (the runner and its handlers at once), and
 * {@code kill -9} of the runner alone. The runner runs in its own Java process, in its own session.
 */
@RequiresTools({"setsid", "setpriv"})
class RunInterruptTest {

    private static final String STAGING = "staging-us-east-2";
    private static final Duration WITHIN = Duration.ofSeconds(60);
    /** Every workflowBase of the example release: one handler each. */
    private static final List<String> WORKFLOWS = List.of(
            "lambda-job", "s3-upload-resources", "s3-upload-public-assets", "s3-upload-portal", "api-gw-deploy");

    @TempDir
    Path dir;

    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void killLeftovers() {
        started.forEach(p -> {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        });
    }

    @Test
    void ctrlCToTheProcessGroupCancelsTheRunningHandlersAndStartsNoOther() throws Exception {
        Path handlers = slowHandlers();
        Process runner = runner(List.of("setsid"), handlers);
        awaitLines(dir.resolve("started"), 2);
        assertThat(processGroup(runner.pid()))
                .as("setsid made the runner the leader of its own process group")
                .isEqualTo(runner.pid());

        // What a terminal does on Ctrl-C: SIGINT to the whole foreground process group.
        Process kill = new ProcessBuilder("kill", "-INT", "--", "-" + runner.pid()).start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0).isTrue();
        assertThat(runner.waitFor(WITHIN.toSeconds(), TimeUnit.SECONDS)).isTrue();
        String output = new String(runner.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(runner.exitValue()).as(output).isEqualTo(ExitCode.INTERRUPTED);
        assertThat(output).contains("2 cancelled").doesNotContain("failed");
        ReleaseRun run =
                Ledger.open(dir.resolve("ledger")).read(STAGING).latestRun().orElseThrow();
        // The runner records every start before the handler starts: no other handler was ever started.
        assertThat(run.artifactsStarted()).containsExactlyInAnyOrderElementsOf(lines(dir.resolve("started")));
        assertThat(lines(dir.resolve("started"))).hasSize(2);
        assertThat(run.status()).contains(ReleaseStatus.CANCELLED);
        assertThat(run.results())
                .filteredOn(r -> r.status() == ArtifactStatus.CANCELLED)
                .extracting(ArtifactResult::artifactId)
                .containsExactlyInAnyOrderElementsOf(lines(dir.resolve("started")));
        assertThat(run.results())
                .filteredOn(r -> r.artifactId().contains("/deploy/") && r.status() != ArtifactStatus.CANCELLED)
                .hasSize(4)
                .allSatisfy(r -> {
                    assertThat(r.status()).isEqualTo(ArtifactStatus.SKIPPED);
                    assertThat(r.message()).isEqualTo("not started: the run was cancelled");
                });
        assertThat(run.results()).noneMatch(r -> r.status() == ArtifactStatus.FAILED);
    }

    @Test
    void killingTheRunnerKillsItsHandlersAndResumeSaysWhichWereUnderWay() throws Exception {
        Path handlers = slowHandlers();
        Process runner = runner(List.of(), handlers);
        List<String> underWay = awaitLines(dir.resolve("started"), 2);
        List<Long> handlerPids =
                awaitLines(dir.resolve("pids"), 2).stream().map(Long::parseLong).toList();

        runner.destroyForcibly(); // kill -9
        assertThat(runner.waitFor(30, TimeUnit.SECONDS)).isTrue();

        for (long pid : handlerPids) {
            assertThat(awaitGone(pid, Duration.ofSeconds(10)))
                    .as("handler process %d died with its runner", pid)
                    .isTrue();
        }
        ReleaseRun killed =
                Ledger.open(dir.resolve("ledger")).read(STAGING).latestRun().orElseThrow();
        assertThat(killed.isFinished()).isFalse();
        assertThat(killed.artifactsWithoutResult()).containsExactlyInAnyOrderElementsOf(underWay);

        CliResult resumed = CliResult.run(
                "run",
                manifest(),
                "--ledger",
                ledger(),
                "--handlers",
                fastHandlers().toString(),
                "--resume");
        assertThat(resumed.exit()).as(resumed.toString()).isZero();
        assertThat(resumed.err())
                .contains("run " + killed.runId() + " stopped while 2 artifacts were under way: ")
                .contains(underWay.get(0))
                .contains(underWay.get(1))
                .contains("their work may have completed after it stopped, and it runs again now");
    }

    private Process runner(List<String> prefix, Path handlers) throws IOException {
        List<String> command = new ArrayList<>(prefix);
        command.addAll(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-cp",
                System.getProperty("java.class.path"),
                ReleaseTrainCli.class.getName(),
                "run",
                manifest(),
                "--ledger",
                ledger(),
                "--handlers",
                handlers.toString(),
                "--concurrency",
                "2"));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        started.add(process);
        return process;
    }

    /** Handlers that say they started, with their process id, then take far longer than the test. */
    private Path slowHandlers() throws IOException {
        Path handlers = dir.resolve("slow");
        for (String workflow : WORKFLOWS) {
            script(
                    handlers.resolve(workflow),
                    "echo $$ >> '" + dir.resolve("pids") + "'\n"
                            + "echo \"$RELEASE_ARTIFACT_ID\" >> '" + dir.resolve("started") + "'\n"
                            + "exec sleep 120\n");
        }
        return handlers;
    }

    private Path fastHandlers() throws IOException {
        Path handlers = dir.resolve("fast");
        for (String workflow : WORKFLOWS) {
            script(handlers.resolve(workflow), "echo deployed \"$RELEASE_ARTIFACT_ID\"\n");
        }
        return handlers;
    }

    private static void script(Path file, String body) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "#!/bin/sh\n" + body, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private String manifest() {
        return Fixtures.example(STAGING + ".yaml").toString();
    }

    private String ledger() {
        return dir.resolve("ledger").toString();
    }

    private static List<String> awaitLines(Path file, int count) {
        return FileWait.awaitLines(file, count, WITHIN);
    }

    private static List<String> lines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Whether the process ends within the bound. It is not our child, so no event says when it ends: look
     * again every 50 ms, as long as the bound allows.
     */
    private static boolean awaitGone(long pid, Duration within) throws IOException {
        long deadline = System.nanoTime() + within.toNanos();
        while (running(pid)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
        return true;
    }

    /** Running: neither gone nor a zombie (dead, waiting to be reaped by whoever adopted it). */
    private static boolean running(long pid) throws IOException {
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        try {
            String text = Files.readString(stat);
            return text.charAt(text.lastIndexOf(')') + 2) != 'Z';
        } catch (java.nio.file.NoSuchFileException e) {
            return false;
        }
    }

    /** The process group of a process, from /proc (Linux, where setsid is). */
    private static long processGroup(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        // Fields after the command name, which is in parentheses and may hold spaces: state ppid pgrp ...
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[2]);
    }
}
