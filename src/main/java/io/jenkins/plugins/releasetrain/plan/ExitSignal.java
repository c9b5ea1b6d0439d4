package io.jenkins.plugins.releasetrain.plan;

import java.util.Map;
import java.util.Optional;

/**
 * Reads a process's exit status for the signals that interrupt a run. Java reports a process killed by
 * signal N as exit {@code 128 + N}, as shells do.
 */
final class ExitSignal {

    /** The signals a terminal or a service manager sends to stop a whole process group. */
    private static final Map<Integer, String> INTERRUPTS = Map.of(129, "SIGHUP", 130, "SIGINT", 143, "SIGTERM");

    private ExitSignal() {}

    /** The interrupt signal that ended the process, if its exit status says one did. */
    static Optional<String> interrupt(int exit) {
        return Optional.ofNullable(INTERRUPTS.get(exit));
    }
}
