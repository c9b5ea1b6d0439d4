package io.jenkins.plugins.releasetrain.image;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.jenkins.plugins.releasetrain.image.http.Credentials;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A Docker token service on 127.0.0.1 for a registry configured with {@code auth.token}: checks basic
 * credentials, then issues a JWT (RS256, certificate in {@code x5c}) granting the requested scopes.
 * The registry verifies it against {@link #certificatePem()}, so the whole challenge flow is real.
 */
final class TokenServer implements AutoCloseable {

    static final String SERVICE = "release-train-test-registry";
    static final String ISSUER = "release-train-test-issuer";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One token request as received. */
    record TokenRequest(List<String> scopes, boolean authenticated) {}

    private final Credentials accepted;
    private final PrivateKey key;
    private final X509Certificate certificate;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(2);
    private final List<TokenRequest> requests = new CopyOnWriteArrayList<>();

    TokenServer(Path dir, Credentials accepted) {
        this.accepted = accepted;
        try {
            Path store = dir.resolve("token.p12");
            Process keytool = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "keytool")
                                    .toString(),
                            "-genkeypair",
                            "-alias",
                            "token",
                            "-keyalg",
                            "RSA",
                            "-keysize",
                            "2048",
                            "-dname",
                            "CN=release-train-test-token",
                            "-validity",
                            "2",
                            "-storetype",
                            "PKCS12",
                            "-keystore",
                            store.toString(),
                            "-storepass",
                            "changeit",
                            "-keypass",
                            "changeit")
                    .redirectErrorStream(true)
                    .start();
            String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
                throw new IllegalStateException("keytool failed: " + output);
            }
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(store)) {
                keyStore.load(in, "changeit".toCharArray());
            }
            key = (PrivateKey) keyStore.getKey("token", "changeit".toCharArray());
            certificate = (X509Certificate) keyStore.getCertificate("token");
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        server.setExecutor(executor);
        server.createContext("/token", this::issue);
        server.start();
    }

    String realm() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/token";
    }

    String certificatePem() {
        try {
            return "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                            .encodeToString(certificate.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The registry's {@code auth:} section for this service, the certificate written to {@code dir}. */
    String registryAuthSection(Path dir) throws IOException {
        Path pem = dir.resolve("token-root.pem");
        Files.writeString(pem, certificatePem(), StandardCharsets.US_ASCII);
        return "  token:\n    realm: " + realm() + "\n    service: " + SERVICE + "\n    issuer: " + ISSUER
                + "\n    rootcertbundle: " + pem + "\n";
    }

    List<TokenRequest> requests() {
        return List.copyOf(requests);
    }

    private void issue(HttpExchange exchange) throws IOException {
        try (exchange) {
            List<String> scopes = new ArrayList<>();
            String query = exchange.getRequestURI().getRawQuery();
            if (query != null) {
                for (String pair : query.split("&")) {
                    if (pair.startsWith("scope=")) {
                        scopes.add(URLDecoder.decode(pair.substring(6), StandardCharsets.UTF_8));
                    }
                }
            }
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            boolean authenticated = accepted.basicHeader().equals(authorization);
            requests.add(new TokenRequest(scopes, authorization != null));
            if (!authenticated) {
                ScriptedRegistry.respond(
                        exchange,
                        401,
                        "application/json",
                        "{\"details\":\"incorrect username or password\"}".getBytes(StandardCharsets.UTF_8));
                return;
            }
            String token = jwt(scopes);
            ObjectNode body = JSON.createObjectNode();
            body.put("token", token);
            body.put("access_token", token);
            body.put("expires_in", 300);
            body.put("issued_at", Instant.now().toString());
            ScriptedRegistry.respond(exchange, 200, "application/json", JSON.writeValueAsBytes(body));
        } catch (GeneralSecurityException e) {
            throw new IOException(e);
        }
    }

    private String jwt(List<String> scopes) throws GeneralSecurityException, IOException {
        ObjectNode header = JSON.createObjectNode();
        header.put("typ", "JWT");
        header.put("alg", "RS256");
        header.putArray("x5c").add(Base64.getEncoder().encodeToString(certificate.getEncoded()));
        long now = Instant.now().getEpochSecond();
        ObjectNode claims = JSON.createObjectNode();
        claims.put("iss", ISSUER);
        claims.put("sub", accepted.username());
        claims.put("aud", SERVICE);
        claims.put("exp", now + 300);
        claims.put("nbf", now - 10);
        claims.put("iat", now);
        claims.put("jti", UUID.randomUUID().toString());
        ArrayNode access = claims.putArray("access");
        for (String scope : scopes) {
            String[] parts = scope.split(":");
            if (parts.length == 3 && "repository".equals(parts[0])) {
                ObjectNode grant = access.addObject();
                grant.put("type", "repository");
                grant.put("name", parts[1]);
                ArrayNode actions = grant.putArray("actions");
                for (String action : parts[2].split(",")) {
                    actions.add(action);
                }
            }
        }
        Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
        String signingInput = url.encodeToString(JSON.writeValueAsBytes(header)) + "."
                + url.encodeToString(JSON.writeValueAsBytes(claims));
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initSign(key);
        signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + url.encodeToString(signature.sign());
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
