package io.jenkins.plugins.releasetrain.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.releasetrain.ledger.ArtifactStatus;
import io.jenkins.plugins.releasetrain.manifest.DeploymentArtifact;
import io.jenkins.plugins.releasetrain.manifest.ManifestLoader;
import io.jenkins.plugins.releasetrain.manifest.Release;
import io.jenkins.plugins.releasetrain.testing.FileWait;
import io.jenkins.plugins.releasetrain.testing.Fixtures;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A deployment handler as a real process: its environment, its output, its exit, its time limit. */
class HandlerTaskTest {

    @TempDir
    Path dir;

    private final Release release = new ManifestLoader()
            .load(Fixtures.example("staging-us-east-2.yaml"))
            .release();
    private final DeploymentArtifact resources =
            (DeploymentArtifact) release.artifact("product1/deploy/resources").orElseThrow();

    @Test
    void runsTheHandlerWithTheReleaseContextOnlyInItsEnvironmentWithoutArgumentsInAFreshDirectory() throws Exception {
        Handlers.write(
                dir.resolve("handlers"),
                "s3-upload-resources",
                "echo \"args=$#\"\necho \"cwd=$(pwd)\"\nls -A | wc -l | sed 's/^ */files=/'\nenv | grep '^RELEASE_' | sort");

        TaskOutcome outcome = task(Duration.ofMinutes(1), 16 * 1024).run(release, resources);

        assertThat(outcome.status()).isEqualTo(ArtifactStatus.SUCCEEDED);
        assertThat(outcome.message()).isEqualTo("exit 0");
        List<String> lines = outcome.output().lines().toList();
        assertThat(lines).contains("args=0", "files=0");
        assertThat(lines)
                .filteredOn(l -> l.startsWith("cwd="))
                .singleElement()
                .satisfies(cwd -> assertThat(cwd)
                        .contains("release-train-resources-")
                        .doesNotContain(Path.of("").toAbsolutePath().toString() + "/"));
        Map<String, String> context = ReleaseContext.of(release, resources);
        assertThat(lines.stream().filter(l -> l.startsWith("RELEASE_")))
                .containsExactlyInAnyOrderElementsOf(context.entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue())
                        .toList());
    }

    @Test
    void reportsAFailingHandlerWithItsExitCodeAndWhatItPrinted() throws Exception {
        Handlers.write(
                dir.resolve("handlers"), "s3-upload-resources", "echo uploading\necho 'access denied' >&2\nexit 3");

        TaskOutcome outcome = task(Duration.ofMinutes(1), 16 * 1024).run(release, resources);

        assertThat(outcome.status()).isEqualTo(ArtifactStatus.FAILED);
        assertThat(outcome.message()).isEqualTo("exit 3");
        assertThat(outcome.output()).isEqualTo("uploading\naccess denied\n");
    }

    @Test
    void killsAHandlerThatOutlivesItsTimeoutTogetherWithTheProcessesItStarted() throws Exception {
        Handlers.write(dir.resolve("handlers"), "s3-upload-resources", "sleep 600 &\necho \"child $!\"\nwait");
        long start = System.nanoTime();

        TaskOutcome outcome = task(Duration.ofSeconds(1), 16 * 1024).run(release, resources);

        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(outcome.status()).isEqualTo(ArtifactStatus.FAILED);
        assertThat(outcome.message()).startsWith("timed out after 1.0s");
        assertThat(took).isLessThan(Duration.ofSeconds(30));
        Matcher child = Pattern.compile("child (\\d+)").matcher(outcome.output());
        assertThat(child.find()).isTrue();
        ProcessHandle.of(Long.parseLong(child.group(1))).ifPresent(sleeping -> {
            // Killed, not merely abandoned: it is gone (or a zombie on its way out) within a bound.
            assertThat(sleeping.onExit()).succeedsWithin(Duration.ofSeconds(10));
        });
    }

    @Test
    void keepsOnlyTheTailOfAnEndlessOutput() throws Exception {
        Handlers.write(
                dir.resolve("handlers"),
                "s3-upload-resources",
                "i=0\nwhile [ $i -lt 20000 ]; do echo \"line $i\"; i=$((i+1)); done");

        TaskOutcome outcome = task(Duration.ofMinutes(1), 1024).run(release, resources);

        assertThat(outcome.status()).isEqualTo(ArtifactStatus.SUCCEEDED);
        assertThat(outcome.output()).startsWith("[").contains("earlier bytes of output not kept]\n");
        assertThat(outcome.output()).endsWith("line 19999\n");
        String kept = outcome.output().substring(outcome.output().indexOf('\n') + 1);
        assertThat(kept.getBytes(java.nio.charset.StandardCharsets.UTF_8)).hasSize(1024);
    }

    @Test
    void stopsTheHandlerWhenTheRunIsCancelled() throws Exception {
        Path started = dir.resolve("started");
        Handlers.write(
                dir.resolve("handlers"),
                "s3-upload-resources",
                "echo 'copying 1 of 2'\nsleep 600 &\necho $! > '" + started + ".tmp'\nmv '" + started + ".tmp' '"
                        + started + "'\nwait");
        HandlerTask task = task(Duration.ofMinutes(10), 1024);
        java.util.concurrent.CompletableFuture<TaskOutcome> ended = new java.util.concurrent.CompletableFuture<>();
        java.util.concurrent.CompletableFuture<Boolean> stillInterrupted =
                new java.util.concurrent.CompletableFuture<>();
        Thread runner = new Thread(() -> {
            try {
                ended.complete(task.run(release, resources));
                stillInterrupted.complete(Thread.currentThread().isInterrupted());
            } catch (Throwable e) {
                ended.completeExceptionally(e);
            }
        });
        runner.start();
        long pid = Long.parseLong(
                FileWait.awaitContent(started, Duration.ofSeconds(30)).trim());

        runner.interrupt();

        TaskOutcome outcome = ended.get(30, TimeUnit.SECONDS);
        assertThat(outcome.status()).isEqualTo(ArtifactStatus.CANCELLED);
        assertThat(outcome.message()).startsWith("cancelled while running");
        assertThat(outcome.output()).isEqualTo("copying 1 of 2\n");
        assertThat(stillInterrupted.get(30, TimeUnit.SECONDS)).isTrue();
        ProcessHandle.of(pid).ifPresent(p -> assertThat(p.onExit()).succeedsWithin(Duration.ofSeconds(10)));
    }

    private HandlerTask task(Duration timeout, int outputLimit) throws InvalidRunException {
        return new HandlerTask(HandlerDirectory.of(dir.resolve("handlers")), timeout, outputLimit);
    }
}
