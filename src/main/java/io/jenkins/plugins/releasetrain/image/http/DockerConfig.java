package io.jenkins.plugins.releasetrain.image.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Credentials from a Docker {@code config.json}: the {@code auths} section, with the base64
 * {@code user:password} in {@code auth} or separate {@code username}/{@code password}. Credential
 * helpers ({@code credsStore}, {@code credHelpers}) run external programs and are not supported: pass
 * credentials explicitly instead.
 */
public final class DockerConfig {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonNode auths;

    private DockerConfig(JsonNode auths) {
        this.auths = auths;
    }

    public static DockerConfig load(Path file) throws IOException {
        JsonNode root = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
        return new DockerConfig(root == null ? JSON.createObjectNode() : root.path("auths"));
    }

    /**
     * The default location, as Docker finds it: {@code $DOCKER_CONFIG/config.json}, else
     * {@code ~/.docker/config.json}; empty when that file does not exist.
     */
    public static Optional<Path> defaultLocation(Map<String, String> environment, Path home) {
        String dir = environment.get("DOCKER_CONFIG");
        Path file = dir != null && !dir.isBlank()
                ? Path.of(dir, "config.json")
                : home.resolve(".docker").resolve("config.json");
        return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }

    /** The credentials stored for {@code authority} ({@code host[:port]}), matching keys with or without scheme. */
    public Optional<Credentials> credentialsFor(String authority) {
        String wanted = authority.toLowerCase(Locale.ROOT);
        for (Iterator<Map.Entry<String, JsonNode>> it = auths.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (authorityOf(entry.getKey()).equals(wanted)) {
                return credentials(entry.getValue());
            }
        }
        return Optional.empty();
    }

    private static String authorityOf(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        int scheme = k.indexOf("://");
        if (scheme >= 0) {
            k = k.substring(scheme + 3);
        }
        int slash = k.indexOf('/');
        return slash >= 0 ? k.substring(0, slash) : k;
    }

    private static Optional<Credentials> credentials(JsonNode entry) {
        String auth = entry.path("auth").asText("");
        if (!auth.isEmpty()) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(auth.trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
            int colon = decoded.indexOf(':');
            return colon < 0
                    ? Optional.empty()
                    : Optional.of(new Credentials(decoded.substring(0, colon), decoded.substring(colon + 1)));
        }
        String user = entry.path("username").asText("");
        String password = entry.path("password").asText("");
        return user.isEmpty() ? Optional.empty() : Optional.of(new Credentials(user, password));
    }
}
