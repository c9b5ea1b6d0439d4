package io.jenkins.plugins.releasetrain.plan;

import io.jenkins.plugins.releasetrain.manifest.Release;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The fan-out: runs the steps of a release that run, at most {@code concurrency} at once. Each task's start
 * and each result are handed to the caller <em>on the calling thread</em> (the start before the work
 * begins, the result as soon as it ends), so that the ledger is written by one thread that cancellation
 * never interrupts.
 */
final class ReleaseExecutor {

    /**
     * How long a task whose process died of an interrupt signal waits for the run's own cancellation. A
     * terminal's Ctrl-C reaches the handlers and the runner at the same moment, and the handler's death may be
     * seen first: without the wait its slot would go to a task that had not started yet.
     */
    static final Duration INTERRUPT_GRACE = Duration.ofSeconds(3);

    private final int concurrency;
    private final Clock clock;
    private final Duration interruptGrace;
    private final Set<Thread> working = ConcurrentHashMap.newKeySet();
    private final CountDownLatch cancellation = new CountDownLatch(1);
    private volatile boolean cancelled;

    ReleaseExecutor(int concurrency, Clock clock) {
        this(concurrency, clock, INTERRUPT_GRACE);
    }

    ReleaseExecutor(int concurrency, Clock clock, Duration interruptGrace) {
        this.concurrency = concurrency;
        this.clock = clock;
        this.interruptGrace = interruptGrace;
    }

    /**
     * Runs every step whose {@link RunStep#runs()} is true. {@code starting} sees each step before its work
     * begins (when it throws, the work does not begin and the run stops); {@code done} sees each result.
     */
    void execute(
            Release release,
            List<RunStep> steps,
            ArtifactTask task,
            Consumer<RunStep> starting,
            Consumer<StepResult> done)
            throws InterruptedException {
        List<RunStep> runnable = steps.stream().filter(RunStep::runs).toList();
        if (runnable.isEmpty()) {
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(concurrency, runnable.size()), new Workers());
        BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        boolean finished = false;
        try {
            for (RunStep step : runnable) {
                pool.execute(() -> events.add(new Ended(attempt(release, step, task, events))));
            }
            int ended = 0;
            while (ended < runnable.size()) {
                Event event = events.take();
                if (event instanceof Starting start) {
                    boolean recorded = false;
                    try {
                        starting.accept(start.step());
                        recorded = true;
                    } finally {
                        start.go().complete(recorded && !cancelled);
                    }
                } else {
                    done.accept(((Ended) event).result());
                    ended++;
                }
            }
            finished = true;
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
        cancellation.countDown();
        working.forEach(Thread::interrupt);
    }

    boolean cancelled() {
        return cancelled;
    }

    private StepResult attempt(Release release, RunStep step, ArtifactTask task, BlockingQueue<Event> events) {
        Instant started = clock.instant();
        Thread self = Thread.currentThread();
        working.add(self);
        TaskOutcome outcome;
        try {
            // Checked after registering, so a cancel racing with the start either finds us or is seen here.
            if (cancelled || !mayStart(step, events)) {
                outcome = TaskOutcome.skipped("not started: the run was cancelled");
            } else {
                started = clock.instant();
                outcome = task.run(release, step.artifact());
                if (outcome.byInterrupt() && cancelledWithin(interruptGrace)) {
                    outcome = TaskOutcome.cancelled("cancelled while running: " + outcome.message(), outcome.output());
                }
            }
        } catch (InterruptedException e) {
            outcome = TaskOutcome.cancelled("cancelled while running; what it had started was stopped", "");
        } catch (RuntimeException e) {
            outcome = TaskOutcome.failed("unexpected error: " + e, "");
        } finally {
            working.remove(self);
            // A cancel aimed at this task must not leak into the pool thread's next one.
            Thread.interrupted();
        }
        return new StepResult(step, outcome, started, clock.instant());
    }

    /** Asks the calling thread to record the start, and waits until it has (false: do not start). */
    private static boolean mayStart(RunStep step, BlockingQueue<Event> events) throws InterruptedException {
        CompletableFuture<Boolean> go = new CompletableFuture<>();
        events.add(new Starting(step, go));
        try {
            return go.get();
        } catch (ExecutionException e) {
            return false;
        }
    }

    private boolean cancelledWithin(Duration grace) {
        try {
            return cancellation.await(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            // Only a cancel interrupts a task.
            return true;
        }
    }

    private sealed interface Event permits Starting, Ended {}

    private record Starting(RunStep step, CompletableFuture<Boolean> go) implements Event {}

    private record Ended(StepResult result) implements Event {}

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
