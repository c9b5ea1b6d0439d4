package io.jenkins.plugins.releasetrain.manifest;

import java.util.regex.Pattern;

/**
 * The OCI Distribution grammar for repository names and tags. Every name that reaches a registry URL goes
 * through here first, which is what keeps {@code ../}, {@code %2F}, spaces and the like out of requests.
 */
public final class OciNames {

    /** The spec's limit on a tag; also the limit on a derived destination tag. */
    public static final int MAX_TAG_LENGTH = 128;

    /** Registries commonly cap the whole name at 255 characters (the spec leaves it to them). */
    public static final int MAX_REPOSITORY_LENGTH = 255;

    // Possessive quantifiers: the grammar is unambiguous, so backtracking only ever costs time.
    private static final Pattern COMPONENT = Pattern.compile("[a-z0-9]++(?:(?:\\.|_|__|-++)[a-z0-9]++)*+");
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,127}");

    private OciNames() {}

    public static boolean isRepository(String name) {
        if (name == null || name.isEmpty() || name.length() > MAX_REPOSITORY_LENGTH) {
            return false;
        }
        for (String component : name.split("/", -1)) {
            if (!COMPONENT.matcher(component).matches()) {
                return false;
            }
        }
        return true;
    }

    public static boolean isTag(String tag) {
        return tag != null && tag.length() <= MAX_TAG_LENGTH && TAG.matcher(tag).matches();
    }
}
