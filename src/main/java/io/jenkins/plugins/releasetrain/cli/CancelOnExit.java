package io.jenkins.plugins.releasetrain.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C during a run: a shutdown hook that stops the run and then holds the JVM until the command has recorded
 * and printed how the run ended, or 15 seconds at most. Open it around everything the command does with the run.
 */
final class CancelOnExit implements AutoCloseable {

    private final CountDownLatch over = new CountDownLatch(1);
    private final Thread hook;

    private CancelOnExit(Runnable cancel) {
        this.hook = new Thread(
                () -> {
                    cancel.run();
                    awaitQuietly(over);
                },
                "release-train-cancel");
    }

    /** Installs the hook: on Ctrl-C, {@code cancel} runs, then the JVM waits for {@link #close}. */
    static CancelOnExit install(Runnable cancel) {
        CancelOnExit guard = new CancelOnExit(cancel);
        Runtime.getRuntime().addShutdownHook(guard.hook);
        return guard;
    }

    @Override
    public void close() {
        over.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down; the hook is running and has seen the latch
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(15, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
