package io.jenkins.plugins.releasetrain.plan;

import io.jenkins.plugins.releasetrain.manifest.Release;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The fan-out: runs the steps of a release that run, at most {@code concurrency} at once, and hands each
 * result to the caller <em>on the calling thread</em> as soon as it ends, so that the ledger is written by
 * one thread that cancellation never interrupts.
 */
final class ReleaseExecutor {

    private final int concurrency;
    private final Clock clock;
    private final Set<Thread> working = ConcurrentHashMap.newKeySet();
    private volatile boolean cancelled;

    ReleaseExecutor(int concurrency, Clock clock) {
        this.concurrency = concurrency;
        this.clock = clock;
    }

    /** Runs every step whose {@link RunStep#runs()} is true; {@code done} sees each result as it ends. */
    void execute(Release release, List<RunStep> steps, ArtifactTask task, Consumer<StepResult> done)
            throws InterruptedException {
        List<RunStep> runnable = steps.stream().filter(RunStep::runs).toList();
        if (runnable.isEmpty()) {
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(concurrency, runnable.size()), new Workers());
        CompletionService<StepResult> results = new ExecutorCompletionService<>(pool);
        boolean finished = false;
        try {
            for (RunStep step : runnable) {
                results.submit(() -> attempt(release, step, task));
            }
            for (int i = 0; i < runnable.size(); i++) {
                done.accept(results.take().get());
            }
            finished = true;
        } catch (ExecutionException e) {
            throw new IllegalStateException("a task escaped its own error handling", e.getCause());
        } finally {
            if (!finished) {
                // The caller failed (the ledger cannot be written) or was interrupted: stop everything.
                cancel();
            }
            pool.shutdownNow();
        }
    }

    /** Stops the run: running tasks are interrupted (handlers killed), tasks not started are not started. */
    void cancel() {
        cancelled = true;
        working.forEach(Thread::interrupt);
    }

    boolean cancelled() {
        return cancelled;
    }

    private StepResult attempt(Release release, RunStep step, ArtifactTask task) {
        Instant started = clock.instant();
        Thread self = Thread.currentThread();
        working.add(self);
        TaskOutcome outcome;
        try {
            // Checked after registering, so a cancel racing with the start either finds us or is seen here.
            outcome = cancelled
                    ? TaskOutcome.skipped("not started: the run was cancelled")
                    : task.run(release, step.artifact());
        } catch (InterruptedException e) {
            outcome = TaskOutcome.failed("cancelled while running; what it had started was stopped", "");
        } catch (RuntimeException e) {
            outcome = TaskOutcome.failed("unexpected error: " + e, "");
        } finally {
            working.remove(self);
            // A cancel aimed at this task must not leak into the pool thread's next one.
            Thread.interrupted();
        }
        return new StepResult(step, outcome, started, clock.instant());
    }

    /** Daemon threads: a stuck task can never keep the JVM alive after the run gave up on it. */
    private static final class Workers implements java.util.concurrent.ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable runnable) {
            Thread thread = new Thread(runnable, "release-train-task-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }
}
