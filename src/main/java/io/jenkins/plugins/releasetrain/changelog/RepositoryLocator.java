package io.jenkins.plugins.releasetrain.changelog;

import io.jenkins.plugins.releasetrain.gitops.RepositoryLocation;
import io.jenkins.plugins.releasetrain.manifest.FieldRules;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the repository behind a manifest's {@code gitRepoName} is, as configured by whoever runs releases:
 * a URL template such as {@code https://git.example.com/acme/{gitRepoName}.git}, and per-repository
 * overrides. A manifest names repositories, it never says where they are: so a release's author cannot
 * point a changelog at a host of their choosing.
 *
 * @param template  a URL or path with {@code {gitRepoName}} in it; empty when only overrides are configured
 * @param overrides exact locations by {@code gitRepoName}
 */
public record RepositoryLocator(Optional<String> template, Map<String, String> overrides) {

    public static final String PLACEHOLDER = "{gitRepoName}";

    private static final String NAME = "[A-Za-z0-9._-]+";

    public RepositoryLocator {
        Objects.requireNonNull(template, "template");
        template.ifPresent(t -> {
            if (!t.contains(PLACEHOLDER)) {
                throw new IllegalArgumentException("the repository URL template '" + t + "' has no " + PLACEHOLDER
                        + "; write it as https://git.example.com/acme/" + PLACEHOLDER + ".git");
            }
        });
        overrides = Map.copyOf(new TreeMap<>(overrides));
    }

    public static RepositoryLocator none() {
        return new RepositoryLocator(Optional.empty(), Map.of());
    }

    public boolean isConfigured() {
        return template.isPresent() || !overrides.isEmpty();
    }

    /**
     * The configured location of {@code gitRepoName}, if any: its override, else the template filled with it
     * when it is a plain name (no {@code owner/} part).
     */
    public Optional<RepositoryLocation> locate(String gitRepoName) {
        String override = overrides.get(gitRepoName);
        if (override != null) {
            return Optional.of(RepositoryLocation.parse(override));
        }
        // Only a plain name fills the template: "other-org/secret" would reach repositories of the same host that
        // whoever configured the template never meant to expose; such a repository needs its own override.
        if (template.isEmpty()
                || gitRepoName.contains("/")
                || FieldRules.GIT_REPO_NAME.check(gitRepoName).isPresent()) {
            return Optional.empty();
        }
        return Optional.of(RepositoryLocation.parse(template.get().replace(PLACEHOLDER, gitRepoName)));
    }

    /**
     * The {@code gitRepoName} whose configured location is {@code url} (an image's {@code
     * org.opencontainers.image.source} label, say), compared without a trailing {@code .git} or slash and
     * with the host in any case; empty when the URL is not a configured location.
     */
    public Optional<String> nameOf(String url) {
        String wanted = normalized(url);
        for (Map.Entry<String, String> override : overrides.entrySet()) {
            if (normalized(override.getValue()).equals(wanted)) {
                return Optional.of(override.getKey());
            }
        }
        if (template.isEmpty()) {
            return Optional.empty();
        }
        String normalizedTemplate = normalized(template.get());
        int at = normalizedTemplate.indexOf(PLACEHOLDER);
        if (at < 0) {
            return Optional.empty();
        }
        Pattern pattern = Pattern.compile(Pattern.quote(normalizedTemplate.substring(0, at)) + "(" + NAME + ")"
                + Pattern.quote(normalizedTemplate.substring(at + PLACEHOLDER.length())));
        Matcher matcher = pattern.matcher(wanted);
        return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    /** Scheme and host lower-cased (they are case-insensitive), no trailing slash or {@code .git}. */
    private static String normalized(String url) {
        String text = url.strip();
        while (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        if (text.endsWith(".git")) {
            text = text.substring(0, text.length() - 4);
        }
        int scheme = text.indexOf("://");
        if (scheme > 0) {
            int path = text.indexOf('/', scheme + 3);
            int end = path < 0 ? text.length() : path;
            text = text.substring(0, end).toLowerCase(Locale.ROOT) + text.substring(end);
        }
        return text;
    }

    /**
     * Overrides written one per line as {@code NAME=URL} (blank lines and {@code #} comments ignored), as a
     * configuration form or file holds them.
     *
     * @throws IllegalArgumentException naming the line that is not {@code NAME=URL}
     */
    public static Map<String, String> parseOverrides(String text) {
        Map<String, String> overrides = new TreeMap<>();
        if (text == null) {
            return overrides;
        }
        int number = 0;
        for (String line : text.split("\\R")) {
            number++;
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            int equals = trimmed.indexOf('=');
            if (equals < 1 || equals == trimmed.length() - 1) {
                throw new IllegalArgumentException("line " + number + " is not NAME=URL: " + trimmed);
            }
            overrides.put(
                    trimmed.substring(0, equals).strip(),
                    trimmed.substring(equals + 1).strip());
        }
        return overrides;
    }
}
