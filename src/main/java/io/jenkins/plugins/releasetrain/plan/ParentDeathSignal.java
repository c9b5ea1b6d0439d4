package io.jenkins.plugins.releasetrain.plan;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Makes a handler die with the runner that started it, where the platform allows it. On Linux,
 * util-linux's {@code setpriv --pdeathsig KILL} asks the kernel to kill the handler when its parent goes,
 * even by {@code kill -9}; without it a killed runner's handlers would go on as orphans while a resumed run
 * starts them again. Elsewhere handlers are started directly, and the ledger's "started" records are what
 * tells a resumed run that they may still be running.
 */
final class ParentDeathSignal {

    private static final Path SETPRIV = Path.of("/usr/bin/setpriv");

    private final boolean available;

    private ParentDeathSignal(boolean available) {
        this.available = available;
    }

    /** Probes, once, whether {@code setpriv --pdeathsig} works here. */
    static ParentDeathSignal probe() {
        if (!Files.isExecutable(SETPRIV)) {
            return new ParentDeathSignal(false);
        }
        try {
            Process process = new ProcessBuilder(SETPRIV.toString(), "--pdeathsig", "KILL", "--", "true")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            boolean ended = process.waitFor(5, TimeUnit.SECONDS);
            if (!ended) {
                process.destroyForcibly();
            }
            return new ParentDeathSignal(ended && process.exitValue() == 0);
        } catch (IOException e) {
            return new ParentDeathSignal(false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ParentDeathSignal(false);
        }
    }

    static ParentDeathSignal none() {
        return new ParentDeathSignal(false);
    }

    boolean available() {
        return available;
    }

    /** The command line that runs {@code handler} so that it dies with this process. */
    List<String> command(Path handler) {
        List<String> command = new ArrayList<>();
        if (available) {
            command.addAll(List.of(SETPRIV.toString(), "--pdeathsig", "KILL", "--"));
        }
        command.add(handler.toString());
        return List.copyOf(command);
    }
}
