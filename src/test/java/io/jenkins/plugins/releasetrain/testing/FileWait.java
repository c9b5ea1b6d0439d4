package io.jenkins.plugins.releasetrain.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Waits for a file that another process creates (write elsewhere, then rename into place), on file system
 * events rather than sleeps, and at most for a bound.
 */
public final class FileWait {

    private FileWait() {}

    /** The content of {@code file} once it exists; fails after {@code within}. */
    public static String awaitContent(Path file, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        try (WatchService watcher = FileSystems.getDefault().newWatchService()) {
            file.getParent()
                    .register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
            while (!Files.exists(file)) {
                long left = deadline - System.nanoTime();
                WatchKey key = left > 0 ? watcher.poll(left, TimeUnit.NANOSECONDS) : null;
                if (key == null) {
                    throw new AssertionError(file + " did not appear within " + within);
                }
                key.pollEvents();
                key.reset();
            }
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** The lines of {@code file} once it has at least {@code count} of them (it is appended to); fails after {@code within}. */
    public static List<String> awaitLines(Path file, int count, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        try (WatchService watcher = FileSystems.getDefault().newWatchService()) {
            file.getParent()
                    .register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
            while (true) {
                List<String> lines = Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
                if (lines.size() >= count) {
                    return lines;
                }
                long left = deadline - System.nanoTime();
                WatchKey key = left > 0 ? watcher.poll(left, TimeUnit.NANOSECONDS) : null;
                if (key == null) {
                    throw new AssertionError(
                            file + " did not reach " + count + " lines within " + within + ": " + lines);
                }
                key.pollEvents();
                key.reset();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
