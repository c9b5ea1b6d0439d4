package io.jenkins.plugins.releasetrain.gitops;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where each environment's manifest lives in the repository, such as {@code releases/{env}.yaml}: the
 * seed's layout of one file per environment.
 */
public record ManifestPathPattern(String pattern) {

    public static final String PLACEHOLDER = "{env}";
    public static final ManifestPathPattern DEFAULT = new ManifestPathPattern("releases/{env}.yaml");

    /** Environment names are DNS labels; nothing that could leave the directory. */
    private static final Pattern ENVIRONMENT = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?");

    public ManifestPathPattern {
        Objects.requireNonNull(pattern, "pattern");
        if (!pattern.contains(PLACEHOLDER)) {
            throw new PromotionNotPossibleException(
                    "the path pattern '" + pattern + "' has no " + PLACEHOLDER,
                    "write it with the environment's place, such as releases/{env}.yaml");
        }
    }

    /** The manifest path of {@code environment}. */
    public String pathFor(String environment) {
        if (!ENVIRONMENT.matcher(environment).matches()) {
            throw new PromotionNotPossibleException(
                    "'" + environment + "' is not an environment name",
                    "environment names are lower-case letters, digits and '-', such as production-us-east-2");
        }
        return ManifestPaths.normalize(pattern.replace(PLACEHOLDER, environment));
    }
}
