package io.jenkins.plugins.releasetrain.image.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where a registry answers: {@code https://HOST[:PORT]}, or {@code http://HOST[:PORT]} when plain HTTP
 * was asked for explicitly. Nothing but scheme, host and port is accepted, so a reference can never
 * smuggle a path, a query or user information into request URLs.
 */
public record RegistryEndpoint(String scheme, String host, int port) {

    private static final Pattern HOST =
            Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?|\\[[0-9a-fA-F:.]+\\]");

    public RegistryEndpoint {
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            throw new IllegalArgumentException("registry scheme must be http or https, not " + scheme);
        }
        if (host == null || !HOST.matcher(host).matches()) {
            throw new IllegalArgumentException("invalid registry host '" + host + "'");
        }
        if (port < -1 || port == 0 || port > 65535) {
            throw new IllegalArgumentException("invalid registry port " + port);
        }
    }

    /**
     * Parses {@code https://HOST[:PORT]}, {@code http://HOST[:PORT]} or a bare {@code HOST[:PORT]}, which
     * means https unless {@code insecure} (then http).
     */
    public static RegistryEndpoint parse(String reference, boolean insecure) {
        String text = reference.trim();
        String lower = text.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("http://") && !lower.startsWith("https://")) {
            text = (insecure ? "http://" : "https://") + text;
        }
        if (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("invalid registry reference '" + reference + "': " + e.getReason());
        }
        if (uri.getRawUserInfo() != null
                || (uri.getRawPath() != null && !uri.getRawPath().isEmpty())
                || uri.getRawQuery() != null
                || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("registry reference '" + reference
                    + "' must be scheme://host[:port] only (no path, query or credentials)");
        }
        return new RegistryEndpoint(uri.getScheme().toLowerCase(Locale.ROOT), uri.getHost(), uri.getPort());
    }

    public boolean plainHttp() {
        return "http".equals(scheme);
    }

    /** {@code host[:port]}, the key Docker's config.json uses. */
    public String authority() {
        return port < 0 ? host : host + ":" + port;
    }

    public URI base() {
        return URI.create(scheme + "://" + authority());
    }

    /** An absolute URI under this endpoint for a path built only from validated names. */
    public URI resolve(String pathAndQuery) {
        return URI.create(scheme + "://" + authority() + pathAndQuery);
    }

    @Override
    public String toString() {
        return scheme + "://" + authority();
    }
}
