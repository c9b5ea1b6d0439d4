package io.jenkins.plugins.releasetrain.image;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The hosts of image registries that build scripts may name themselves, as administrators allow them:
 * {@code registry.example.com}, {@code registry.example.com:5000}, {@code *.example.com} (any host below
 * example.com, not example.com itself). None by default: a script then names only configured registries, and
 * the server contacts no address a build chose.
 */
public record RegistryHosts(List<String> patterns) {

    private static final Pattern PATTERN = Pattern.compile("(\\*\\.)?[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:\\d{1,5})?");

    public RegistryHosts {
        patterns = List.copyOf(patterns);
        for (String pattern : patterns) {
            if (!PATTERN.matcher(pattern).matches()) {
                throw new IllegalArgumentException(
                        "allowed registry host '" + pattern + "' is not a host name, host:port or *.domain");
            }
        }
    }

    public static RegistryHosts none() {
        return new RegistryHosts(List.of());
    }

    /** Hosts separated by commas, spaces or new lines; case does not matter. */
    public static RegistryHosts parse(String text) {
        List<String> patterns = new ArrayList<>();
        if (text != null) {
            Arrays.stream(text.split("[,\\s]+"))
                    .filter(p -> !p.isEmpty())
                    .map(p -> p.toLowerCase(Locale.ROOT))
                    .forEach(patterns::add);
        }
        return new RegistryHosts(patterns);
    }

    /** Whether a script may name this registry: its host (and port, when the pattern gives one) is allowed. */
    public boolean allows(RegistryReference.Distribution registry) {
        String host = registry.host();
        String authority = RegistryReference.authority(registry);
        for (String pattern : patterns) {
            boolean withPort = pattern.contains(":");
            String candidate = withPort ? authority : host;
            if (pattern.startsWith("*.")
                    ? candidate.endsWith(pattern.substring(1)) && candidate.length() > pattern.length() - 1
                    : candidate.equals(pattern)) {
                return true;
            }
        }
        return false;
    }

    public String describe() {
        return patterns.isEmpty()
                ? "administrators allow no registry host beyond the configured registries"
                : "administrators allow only " + String.join(", ", patterns);
    }
}
