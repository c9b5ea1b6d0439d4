package io.jenkins.plugins.releasetrain.image;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The OCI Distribution grammar for repository names and tags, checked before any request so that a
 * name from a manifest can never reach a URL or a file path unless it is a plain, valid name.
 */
public final class ImageNames {

    private static final Pattern COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*");
    private static final Pattern REPOSITORY = Pattern.compile(COMPONENT.pattern() + "(?:/" + COMPONENT.pattern() + ")*");
    private static final Pattern TAG = Pattern.compile("[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}");

    /** Docker and most registries limit the whole name to 255 characters. */
    public static final int MAX_REPOSITORY_LENGTH = 255;

    private ImageNames() {}

    /** Why {@code name} is not a valid repository name, or empty when it is. */
    public static Optional<String> repositoryProblem(String name) {
        if (name == null || name.isEmpty()) {
            return Optional.of("repository name is empty");
        }
        if (name.length() > MAX_REPOSITORY_LENGTH) {
            return Optional.of("repository name is longer than " + MAX_REPOSITORY_LENGTH + " characters");
        }
        if (!REPOSITORY.matcher(name).matches()) {
            return Optional.of("invalid repository name '" + printable(name)
                    + "': lower-case letters, digits and separators (. _ __ -) in components separated by /");
        }
        return Optional.empty();
    }

    /** Why {@code tag} is not a valid tag, or empty when it is. */
    public static Optional<String> tagProblem(String tag) {
        if (tag == null || tag.isEmpty()) {
            return Optional.of("tag is empty");
        }
        if (!TAG.matcher(tag).matches()) {
            return Optional.of("invalid tag '" + printable(tag)
                    + "': 1 to 128 letters, digits, '_', '.' or '-', not starting with '.' or '-'");
        }
        return Optional.empty();
    }

    public static boolean isRepository(String name) {
        return repositoryProblem(name).isEmpty();
    }

    public static boolean isTag(String tag) {
        return tagProblem(tag).isEmpty();
    }

    /** Why {@code ref} is unusable (bad repository, or a reference that is neither tag nor digest). */
    public static Optional<String> problem(ImageRef ref) {
        Optional<String> repository = repositoryProblem(ref.repository());
        if (repository.isPresent()) {
            return repository;
        }
        if (ref.isDigest()) {
            return Digest.isDigest(ref.reference())
                    ? Optional.empty()
                    : Optional.of("invalid digest '" + printable(ref.reference()) + "'");
        }
        return tagProblem(ref.reference());
    }

    /** Echoes a bad name back without control characters and without flooding the report. */
    static String printable(String text) {
        String cut = text.length() > 80 ? text.substring(0, 80) + "..." : text;
        StringBuilder out = new StringBuilder(cut.length());
        cut.codePoints().forEach(c -> {
            if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
