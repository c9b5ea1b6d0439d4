package io.jenkins.plugins.releasetrain.plan;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Makes a handler die with the runner that started it, where the platform allows it. On Linux,
 * util-linux's {@code setpriv --pdeathsig KILL} asks the kernel to kill the handler when its parent goes,
 * even by {@code kill -9}; without it a killed runner's handlers would go on as orphans while a resumed run
 * starts them again. Elsewhere handlers are started directly, and the ledger's "started" records are what
 * tells a resumed run that they may still be running.
 */
final class ParentDeathSignal {

    private final Optional<Path> setpriv;

    private ParentDeathSignal(Optional<Path> setpriv) {
        this.setpriv = setpriv;
    }

    /** Probes, once, whether {@code setpriv --pdeathsig} works here ({@code setpriv} found on the PATH). */
    static ParentDeathSignal probe() {
        Optional<Path> found = onPath("setpriv");
        if (found.isEmpty()) {
            return none();
        }
        try {
            Process process = new ProcessBuilder(found.get().toString(), "--pdeathsig", "KILL", "--", "true")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            boolean ended = process.waitFor(5, TimeUnit.SECONDS);
            if (!ended) {
                process.destroyForcibly();
            }
            return ended && process.exitValue() == 0 ? new ParentDeathSignal(found) : none();
        } catch (IOException e) {
            return none();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return none();
        }
    }

    static ParentDeathSignal none() {
        return new ParentDeathSignal(Optional.empty());
    }

    boolean available() {
        return setpriv.isPresent();
    }

    private static Optional<Path> onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String directory : path.split(File.pathSeparator)) {
            if (!directory.isEmpty()) {
                Path candidate = Path.of(directory, program);
                if (Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /** The command line that runs {@code handler} so that it dies with this process. */
    List<String> command(Path handler) {
        List<String> command = new ArrayList<>();
        setpriv.ifPresent(program -> command.addAll(List.of(program.toString(), "--pdeathsig", "KILL", "--")));
        command.add(handler.toString());
        return List.copyOf(command);
    }
}
