package io.jenkins.plugins.releasetrain.board;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BoardServerTest {

    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicInteger documents = new AtomicInteger();
    private BoardServer server;

    @BeforeEach
    void start() throws IOException {
        server = BoardServer.start(0, () -> "{\"schemaVersion\":1,\"n\":" + documents.incrementAndGet() + "}");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void servesThePageAndItsScriptsWithTheirTypesAndAStrictPolicy() throws Exception {
        HttpResponse<String> page = get("/");
        HttpResponse<String> script = get("/board.js");
        HttpResponse<String> style = get("/board.css");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("data-release-board");
        assertThat(page.headers().firstValue("Content-Type")).contains("text/html; charset=utf-8");
        assertThat(script.headers().firstValue("Content-Type")).contains("text/javascript; charset=utf-8");
        assertThat(style.headers().firstValue("Content-Type")).contains("text/css; charset=utf-8");
        for (HttpResponse<String> response : java.util.List.of(page, script, style)) {
            assertThat(response.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
            assertThat(response.headers().firstValue("Content-Security-Policy"))
                    .contains(BoardServer.CONTENT_SECURITY_POLICY);
        }
        assertThat(BoardServer.CONTENT_SECURITY_POLICY)
                .contains("default-src 'none'", "script-src 'self'", "frame-ancestors 'none'")
                .doesNotContain("unsafe-inline", "unsafe-eval");
    }

    @Test
    void makesBoardJsonAnewForEachRequestAndForbidsCaching() throws Exception {
        HttpResponse<String> first = get("/board.json");
        HttpResponse<String> second = get("/board.json");

        assertThat(first.body()).isEqualTo("{\"schemaVersion\":1,\"n\":1}");
        assertThat(second.body()).isEqualTo("{\"schemaVersion\":1,\"n\":2}");
        assertThat(first.headers().firstValue("Content-Type")).contains("application/json");
        assertThat(first.headers().firstValue("Cache-Control")).contains("no-store");
    }

    @Test
    void answersHeadWithTheHeadersAlone() throws Exception {
        HttpResponse<String> head = client.send(
                HttpRequest.newBuilder(server.uri().resolve("/index.html"))
                        .method("HEAD", HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(head.headers().firstValue("Content-Type")).contains("text/html; charset=utf-8");
    }

    @ParameterizedTest
    @ValueSource(strings = {"POST", "PUT", "DELETE", "PATCH"})
    void refusesEveryMethodThatCouldWrite(String method) throws Exception {
        HttpResponse<String> response = client.send(
                HttpRequest.newBuilder(server.uri().resolve("/board.json"))
                        .method(method, HttpRequest.BodyPublishers.ofString("{}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).contains("GET, HEAD");
        assertThat(documents).hasValue(0);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/../pom.xml",
                "/%2e%2e/%2e%2e/pom.xml",
                "/..%2fBoardServer.class",
                "/BoardServer.class",
                "/board.schema.json",
                "//etc/passwd",
                "/board.js/../index.html",
                "/io/jenkins/plugins/releasetrain/board/board.js",
                "/index.html%00.js"
            })
    void servesNothingOffItsFixedList(String path) throws Exception {
        assertThat(rawStatus(path, "127.0.0.1:" + server.port())).isEqualTo(404);
    }

    @Test
    void refusesRequestsNamingAnotherHost() throws Exception {
        assertThat(rawStatus("/board.json", "attacker.example:" + server.port()))
                .isEqualTo(421);
        assertThat(rawStatus("/board.json", "localhost:" + server.port())).isEqualTo(200);
        assertThat(documents).hasValue(1);
    }

    @Test
    void listensOnTheLoopbackAddressOnly() {
        assertThat(server.uri()).isEqualTo(URI.create("http://127.0.0.1:" + server.port() + "/"));
    }

    @Test
    void reportsABoardThatCannotBeMadeAsUnavailable() throws Exception {
        try (BoardServer failing = BoardServer.start(0, () -> {
            throw new IOException("ledger directory /var/ledger is not readable");
        })) {
            HttpResponse<String> response = client.send(
                    HttpRequest.newBuilder(failing.uri().resolve("/board.json")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.body()).contains("ledger directory /var/ledger is not readable");
        }
    }

    private HttpResponse<String> get(String path) throws Exception {
        return client.send(
                HttpRequest.newBuilder(server.uri().resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The status of a request sent byte for byte, so paths and Host headers are not normalized on the way. */
    private int rawStatus(String path, String host) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 5_000);
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readNBytes(64), StandardCharsets.US_ASCII);
            return Integer.parseInt(response.substring("HTTP/1.1 ".length(), "HTTP/1.1 ".length() + 3));
        }
    }
}
