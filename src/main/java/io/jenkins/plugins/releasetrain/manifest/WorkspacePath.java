package io.jenkins.plugins.releasetrain.manifest;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The path of a manifest inside a workspace or a repository, as a Pipeline step or a pull request names it:
 * relative, and never leaving that root through {@code ..}. (Symbolic links are the reader's to check.)
 */
public final class WorkspacePath {

    private static final Pattern DRIVE = Pattern.compile("[A-Za-z]:.*");
    private static final Pattern SEPARATORS = Pattern.compile("[/\\\\]");
    private static final int MAX_LENGTH = 4096;

    private WorkspacePath() {}

    /** What is wrong with {@code path}, or empty when it is a usable relative path. */
    public static Optional<String> problem(String path) {
        if (path == null || path.isBlank()) {
            return Optional.of(
                    "give the manifest's path in the workspace, for example releases/staging-us-east-2.yaml");
        }
        if (path.length() > MAX_LENGTH || path.chars().anyMatch(Character::isISOControl)) {
            return Optional.of("'" + printable(path) + "' is not a file path");
        }
        if (path.startsWith("/") || path.startsWith("\\") || DRIVE.matcher(path).matches()) {
            return Optional.of("'" + path + "' is absolute; give the path relative to the workspace, such as"
                    + " releases/staging-us-east-2.yaml");
        }
        for (String segment : SEPARATORS.split(path, -1)) {
            if (segment.equals("..")) {
                return Optional.of("'" + path + "' leaves the workspace through '..'; give a path inside it");
            }
        }
        return Optional.empty();
    }

    /** {@code path} itself when it is usable, else an {@link IllegalArgumentException} saying why. */
    public static String check(String path) {
        problem(path).ifPresent(p -> {
            throw new IllegalArgumentException(p);
        });
        return path;
    }

    private static String printable(String path) {
        return PrintableText.of(path, 200);
    }
}
