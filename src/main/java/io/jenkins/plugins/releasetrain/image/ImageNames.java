package io.jenkins.plugins.releasetrain.image;

import io.jenkins.plugins.releasetrain.manifest.OciNames;
import java.util.Optional;

/**
 * Why a repository name, tag or reference is unusable, in words for a report. The grammar itself is
 * {@link OciNames}'; this only explains a refusal, so that no bad name ever reaches a URL or a path.
 */
public final class ImageNames {

    private ImageNames() {}

    /** Why {@code name} is not a valid repository name, or empty when it is. */
    public static Optional<String> repositoryProblem(String name) {
        if (OciNames.isRepository(name)) {
            return Optional.empty();
        }
        if (name == null || name.isEmpty()) {
            return Optional.of("repository name is empty");
        }
        if (name.length() > OciNames.MAX_REPOSITORY_LENGTH) {
            return Optional.of("repository name is longer than " + OciNames.MAX_REPOSITORY_LENGTH + " characters");
        }
        return Optional.of("invalid repository name '" + printable(name)
                + "': lower-case letters, digits and separators (. _ __ -) in components separated by /");
    }

    /** Why {@code tag} is not a valid tag, or empty when it is. */
    public static Optional<String> tagProblem(String tag) {
        if (OciNames.isTag(tag)) {
            return Optional.empty();
        }
        if (tag == null || tag.isEmpty()) {
            return Optional.of("tag is empty");
        }
        return Optional.of("invalid tag '" + printable(tag) + "': 1 to " + OciNames.MAX_TAG_LENGTH
                + " letters, digits, '_', '.' or '-', not starting with '.' or '-'");
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
