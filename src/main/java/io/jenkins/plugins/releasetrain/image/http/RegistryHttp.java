package io.jenkins.plugins.releasetrain.image.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.releasetrain.image.RegistryException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * The HTTP exchange with one registry: authentication (anonymous first, then what the registry's
 * {@code WWW-Authenticate} challenge asks for, remembered for later requests), error classification
 * (429/5xx and connection failures are transient, other 4xx are not) and request counting.
 */
final class RegistryHttp {

    static final String USER_AGENT = "release-train-image/1";
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
    private static final int MAX_ERROR_BODY = 16 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RegistryEndpoint endpoint;
    private final Credentials credentials;
    private final HttpClient client;
    private final Clock clock;
    private final AtomicReference<AuthChallenge> challenge = new AtomicReference<>();
    private final Map<String, BearerToken> tokens = new ConcurrentHashMap<>();
    private final Map<String, Object> tokenLocks = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    RegistryHttp(RegistryEndpoint endpoint, Credentials credentialsOrNull, Clock clock) {
        this.endpoint = endpoint;
        this.credentials = credentialsOrNull;
        this.clock = clock;
        this.client = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER)
                // h2c upgrade on plain http only costs a round trip against registries that ignore it.
                .version(endpoint.plainHttp() ? HttpClient.Version.HTTP_1_1 : HttpClient.Version.HTTP_2)
                .build();
    }

    RegistryEndpoint endpoint() {
        return endpoint;
    }

    HttpRequest.Builder request(String pathAndQuery) {
        return request(endpoint.resolve(pathAndQuery));
    }

    static HttpRequest.Builder request(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT).header("User-Agent", USER_AGENT);
    }

    /**
     * Sends with the authorization {@code scope} needs. A 401 is answered once by authenticating as the
     * challenge asks, then resending; {@code replayable} is false for streamed bodies, which cannot be sent
     * twice (their caller authenticates first with a small request).
     */
    <T> HttpResponse<T> send(
            HttpRequest.Builder builder, Scope scope, HttpResponse.BodyHandler<T> handler, boolean replayable)
            throws RegistryException {
        Optional<String> sent = authorization(scope);
        HttpResponse<T> response = sendOnce(builder, sent, handler);
        if (response.statusCode() != 401 || !replayable) {
            return response;
        }
        Optional<AuthChallenge> parsed = AuthChallenge.parse(
                response.headers().firstValue("WWW-Authenticate").orElse(null));
        discard(response);
        if (parsed.isEmpty()) {
            throw RegistryException.permanent(endpoint + " requires authentication but sent no usable challenge");
        }
        AuthChallenge previous = challenge.getAndSet(parsed.get());
        if (parsed.get().isBasic() && credentials == null) {
            throw RegistryException.permanent(
                    endpoint + " requires a user name and password (none configured for " + endpoint.authority() + ")");
        }
        if (parsed.get().isBearer()) {
            // Drop the token only if it is the one refused: another thread may already hold a fresh one.
            sent.ifPresent(header -> tokens.computeIfPresent(
                    scope.key(), (key, token) -> header.equals("Bearer " + token.value()) ? null : token));
        } else if (!parsed.get().isBasic()) {
            throw RegistryException.permanent(endpoint + " asks for unsupported authentication scheme '"
                    + parsed.get().scheme() + "'");
        } else if (previous != null && previous.isBasic()) {
            throw RegistryException.permanent(
                    endpoint + " rejected the user name and password for " + credentials.username());
        }
        HttpResponse<T> retried = sendOnce(builder, authorization(scope), handler);
        if (retried.statusCode() == 401) {
            discard(retried);
            throw RegistryException.permanent(endpoint + " refused our credentials for "
                    + (scope.entries().isEmpty() ? "/v2/" : scope.key()));
        }
        return retried;
    }

    private <T> HttpResponse<T> sendOnce(
            HttpRequest.Builder builder, Optional<String> authorization, HttpResponse.BodyHandler<T> handler)
            throws RegistryException {
        HttpRequest.Builder copy = builder.copy();
        authorization.ifPresent(value -> copy.setHeader("Authorization", value));
        HttpRequest request = copy.build();
        return exchange(request, handler);
    }

    <T> HttpResponse<T> exchange(HttpRequest request, HttpResponse.BodyHandler<T> handler) throws RegistryException {
        counts.computeIfAbsent(request.method(), m -> new LongAdder()).increment();
        try {
            return client.send(request, handler);
        } catch (IOException e) {
            throw RegistryException.transientFailure(
                    request.method() + " " + request.uri().getRawPath() + " on " + endpoint + " failed: "
                            + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()),
                    null,
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryException("interrupted while talking to " + endpoint, false, null, e);
        }
    }

    private Optional<String> authorization(Scope scope) throws RegistryException {
        AuthChallenge known = challenge.get();
        if (known == null) {
            return Optional.empty();
        }
        if (known.isBasic()) {
            return credentials == null ? Optional.empty() : Optional.of(credentials.basicHeader());
        }
        if (known.isBearer()) {
            return Optional.of("Bearer " + token(known, scope).value());
        }
        return Optional.empty();
    }

    /** One fetch per scope at a time: concurrent requests for the same scope wait for it and share the token. */
    private BearerToken token(AuthChallenge bearer, Scope scope) throws RegistryException {
        BearerToken cached = tokens.get(scope.key());
        if (cached != null && cached.usableAt(clock.instant())) {
            return cached;
        }
        Object lock = tokenLocks.computeIfAbsent(scope.key(), key -> new Object());
        synchronized (lock) {
            BearerToken token = tokens.get(scope.key());
            if (token == null || !token.usableAt(clock.instant())) {
                token = fetchToken(bearer, scope);
                tokens.put(scope.key(), token);
            }
            return token;
        }
    }

    private BearerToken fetchToken(AuthChallenge bearer, Scope scope) throws RegistryException {
        String realm = bearer.parameter("realm")
                .orElseThrow(() -> RegistryException.permanent(endpoint + " sent a bearer challenge without realm"));
        URI realmUri;
        try {
            realmUri = URI.create(realm);
        } catch (IllegalArgumentException e) {
            throw RegistryException.permanent(endpoint + " sent an invalid token realm: " + realm);
        }
        if (!"https".equalsIgnoreCase(realmUri.getScheme()) && !"http".equalsIgnoreCase(realmUri.getScheme())) {
            throw RegistryException.permanent(endpoint + " sent a token realm that is not http(s): " + realm);
        }
        StringBuilder query = new StringBuilder();
        bearer.parameter("service")
                .ifPresent(service -> query.append("service=").append(encode(service)));
        for (String entry : scope.entries()) {
            query.append(query.length() == 0 ? "" : "&").append("scope=").append(encode(entry));
        }
        String separator = realm.contains("?") ? "&" : "?";
        URI uri = URI.create(query.length() == 0 ? realm : realm + separator + query);
        HttpRequest.Builder builder = request(uri).GET();
        // Never hand a password to a token service over plain http unless the user chose plain http.
        boolean secure = "https".equalsIgnoreCase(realmUri.getScheme()) || endpoint.plainHttp();
        if (credentials != null && secure) {
            builder.header("Authorization", credentials.basicHeader());
        }
        counts.computeIfAbsent("token", m -> new LongAdder()).increment();
        HttpResponse<byte[]> response;
        try {
            response = client.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw RegistryException.transientFailure("token service " + realm + " failed: " + e.getMessage(), null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryException("interrupted while fetching a token", false, null, e);
        }
        if (response.statusCode() != 200) {
            throw failure(response.statusCode(), response.headers(), response.body(), "token service " + realm);
        }
        try {
            JsonNode body = JSON.readTree(response.body());
            String token = body.path("token").asText(body.path("access_token").asText(""));
            if (token.isEmpty()) {
                throw RegistryException.permanent("token service " + realm + " answered without a token");
            }
            return BearerToken.issued(token, body.path("expires_in").asLong(0), clock.instant());
        } catch (IOException e) {
            throw RegistryException.permanent("token service " + realm + " answered with invalid JSON");
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** A failure for an unexpected status, transient for 429 and 5xx, with the registry's own error message. */
    RegistryException failure(HttpResponse<?> response, String what) {
        byte[] body = response.body() instanceof byte[] bytes ? bytes : readErrorBody(response);
        return failure(response.statusCode(), response.headers(), body, what);
    }

    static RegistryException failure(int status, HttpHeaders headers, byte[] body, String what) {
        String message = what + " failed: HTTP " + status + errorDetail(body);
        if (status == 429 || status >= 500) {
            return RegistryException.transientFailure(
                    message, retryAfter(headers).orElse(null), null);
        }
        if (status == 401 || status == 403) {
            return RegistryException.permanent(message + " (check the registry credentials and their permissions)");
        }
        return RegistryException.permanent(message);
    }

    private static byte[] readErrorBody(HttpResponse<?> response) {
        if (response.body() instanceof InputStream in) {
            try (in) {
                return in.readNBytes(MAX_ERROR_BODY);
            } catch (IOException e) {
                return new byte[0];
            }
        }
        return new byte[0];
    }

    /** {@code: MANIFEST_UNKNOWN manifest unknown} from an OCI error body, or nothing. */
    private static String errorDetail(byte[] body) {
        if (body == null || body.length == 0) {
            return "";
        }
        try {
            JsonNode errors = JSON.readTree(body).path("errors");
            if (errors.isArray() && errors.size() > 0) {
                JsonNode first = errors.get(0);
                String detail = (first.path("code").asText("") + " "
                                + first.path("message").asText(""))
                        .trim();
                return detail.isEmpty() ? "" : ": " + clip(detail);
            }
        } catch (IOException | RuntimeException e) {
            // not JSON: fall through to the raw text
        }
        String text = new String(body, 0, Math.min(body.length, 200), StandardCharsets.UTF_8).trim();
        return text.isEmpty() ? "" : ": " + clip(text);
    }

    private static String clip(String text) {
        String oneLine = text.replaceAll("[\\r\\n\\t]+", " ");
        return oneLine.length() > 200 ? oneLine.substring(0, 200) + "..." : oneLine;
    }

    /** {@code Retry-After} in seconds or as an HTTP date. */
    static Optional<Duration> retryAfter(HttpHeaders headers) {
        Optional<String> value = headers.firstValue("Retry-After").map(String::trim);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            long seconds = Long.parseLong(value.get());
            return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
        } catch (NumberFormatException e) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(value.get(), DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration wait = Duration.between(ZonedDateTime.now(at.getZone()), at);
                return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
            } catch (DateTimeParseException unparsable) {
                return Optional.empty();
            }
        }
    }

    static void discard(HttpResponse<?> response) {
        if (response.body() instanceof InputStream in) {
            try {
                in.close();
            } catch (IOException e) {
                // nothing left to read: closing only frees the connection
            }
        }
    }

    /** Requests sent so far, by method ({@code GET}, {@code HEAD}, ..., and {@code token}). */
    Map<String, Long> requestCounts() {
        Map<String, Long> snapshot = new TreeMap<>();
        counts.forEach((method, count) -> snapshot.put(method, count.sum()));
        return snapshot;
    }
}
