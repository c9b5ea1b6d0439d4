package io.jenkins.plugins.releasetrain.plan;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The directory of deployment handlers: one executable per {@code workflowBase}, {@code HANDLERS/lambda-job}.
 * A handler is whatever that name resolves to, as long as it stays inside the directory: a symbolic link
 * to a script elsewhere in it is fine, one leading out of it is refused.
 */
public final class HandlerDirectory {

    private final Path given;
    private final Path real;

    private HandlerDirectory(Path given, Path real) {
        this.given = given;
        this.real = real;
    }

    /** The handlers in {@code directory}, which must be a readable directory. */
    public static HandlerDirectory of(Path directory) throws InvalidRunException {
        if (!Files.isDirectory(directory)) {
            throw new InvalidRunException(directory + " is not a directory: give the directory that holds one"
                    + " executable handler per workflowBase (examples/handlers for the example releases)");
        }
        try {
            return new HandlerDirectory(directory, directory.toRealPath());
        } catch (IOException e) {
            throw new InvalidRunException("cannot read the handlers directory " + directory + ": " + e.getMessage());
        }
    }

    /** The directory as the user named it. */
    public Path directory() {
        return given;
    }

    /** The name of the environment's verification handler: {@code HANDLERS/verify}, run after a release deployed. */
    public static final String VERIFY = "verify";

    /** The verification handler, when the directory has one. */
    public Optional<Path> verifier() {
        if (!Files.isRegularFile(given.resolve(VERIFY))) {
            return Optional.empty();
        }
        try {
            return Optional.of(handler(VERIFY));
        } catch (InvalidRunException e) {
            return Optional.empty();
        }
    }

    /** The executable to run for {@code workflowBase}, or why there is none. */
    public Path handler(String workflowBase) throws InvalidRunException {
        Optional<String> problem = problem(workflowBase);
        if (problem.isPresent()) {
            throw new InvalidRunException(problem.get());
        }
        try {
            return real.resolve(workflowBase).toRealPath();
        } catch (IOException e) {
            throw new InvalidRunException(
                    "cannot resolve the handler " + given.resolve(workflowBase) + ": " + e.getMessage());
        }
    }

    /** What is wrong with the handler of {@code workflowBase}, if anything, phrased as what to do. */
    public Optional<String> problem(String workflowBase) {
        Path shown = given.resolve(workflowBase);
        if (workflowBase.isEmpty()
                || workflowBase.contains("/")
                || workflowBase.contains("\\")
                || workflowBase.equals(".")
                || workflowBase.equals("..")) {
            return Optional.of("'" + workflowBase + "' cannot name a handler: a handler is one file name");
        }
        Path candidate = real.resolve(workflowBase);
        if (!Files.exists(candidate, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.of("no handler for workflowBase '" + workflowBase + "': add an executable " + shown
                    + " (see examples/handlers)");
        }
        Path target;
        try {
            target = candidate.toRealPath();
        } catch (IOException e) {
            return Optional.of("the handler " + shown + " is a broken link: " + e.getMessage());
        }
        if (!target.startsWith(real)) {
            return Optional.of("the handler " + shown + " leads to " + target + ", outside " + given
                    + "; handlers must live inside the handlers directory");
        }
        if (!Files.isRegularFile(target)) {
            return Optional.of("the handler " + shown + " is not a regular file");
        }
        if (!Files.isExecutable(target)) {
            return Optional.of("the handler " + shown + " is not executable: chmod +x " + shown);
        }
        return Optional.empty();
    }
}
