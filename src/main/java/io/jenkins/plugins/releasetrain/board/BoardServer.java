package io.jenkins.plugins.releasetrain.board;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Serves the board on 127.0.0.1 only, read-only: GET and HEAD of the fixed {@link BoardAssets} and of
 * {@code board.json}, made anew from its source for every request. Every response carries a strict
 * Content-Security-Policy and {@code nosniff}; requests naming another host are refused, so a web page
 * cannot reach the board through DNS rebinding.
 */
public final class BoardServer implements AutoCloseable {

    /** Only our own scripts, styles and JSON; no inline code, no other origin, no framing. */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self';"
            + " img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none';"
            + " frame-ancestors 'none'";

    private static final Set<String> METHODS = Set.of("GET", "HEAD");
    private static final int THREADS = 2;

    private final HttpServer server;
    private final ExecutorService executor;
    private final BoardDocument document;

    /** Makes the text of {@code board.json}; called for each request of it. */
    @FunctionalInterface
    public interface BoardDocument {
        String json() throws IOException;
    }

    private BoardServer(HttpServer server, ExecutorService executor, BoardDocument document) {
        this.server = server;
        this.executor = executor;
        this.document = document;
    }

    /** Starts serving on 127.0.0.1:{@code port} (0 picks a free port). */
    public static BoardServer start(int port, BoardDocument document) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 32);
        AtomicInteger threads = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(THREADS, task -> {
            Thread thread = new Thread(task, "release-board-http-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        BoardServer board = new BoardServer(server, executor, document);
        server.createContext("/", board::handle);
        server.setExecutor(executor);
        server.start();
        return board;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + port() + "/");
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Headers headers = exchange.getResponseHeaders();
            headers.set("X-Content-Type-Options", "nosniff");
            headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
            headers.set("Referrer-Policy", "no-referrer");
            headers.set("X-Frame-Options", "DENY");
            headers.set("Cross-Origin-Resource-Policy", "same-origin");
            headers.set("Cross-Origin-Opener-Policy", "same-origin");
            String method = exchange.getRequestMethod();
            if (!METHODS.contains(method)) {
                headers.set("Allow", "GET, HEAD");
                text(exchange, 405, "The release board is read-only: only GET and HEAD are allowed.");
                return;
            }
            if (!ownHost(exchange.getRequestHeaders().getFirst("Host"))) {
                text(exchange, 421, "This server only answers requests for 127.0.0.1:" + port() + ".");
                return;
            }
            String path = exchange.getRequestURI().getRawPath();
            String name = "/".equals(path) ? BoardAssets.INDEX : path.substring(1);
            if (BoardAssets.BOARD_JSON.equals(name)) {
                json(exchange);
            } else if (BoardAssets.contentType(name).isPresent()) {
                headers.set("Cache-Control", "no-cache");
                send(exchange, 200, BoardAssets.contentType(name).get(), BoardAssets.read(name));
            } else {
                text(exchange, 404, "Not found. The board is at /.");
            }
        }
    }

    private void json(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        String json;
        try {
            json = document.json();
        } catch (IOException | RuntimeException e) {
            text(exchange, 503, "The board could not be made: " + e.getMessage());
            return;
        }
        send(exchange, 200, BoardAssets.jsonContentType(), json.getBytes(StandardCharsets.UTF_8));
    }

    private boolean ownHost(String host) {
        if (host == null) {
            return false;
        }
        String lower = host.toLowerCase(Locale.ROOT);
        return lower.equals("127.0.0.1:" + port()) || lower.equals("localhost:" + port());
    }

    private static void text(HttpExchange exchange, int status, String message) throws IOException {
        send(exchange, status, "text/plain; charset=utf-8", (message + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        if ("HEAD".equals(exchange.getRequestMethod())) {
            exchange.getResponseHeaders().set("Content-Length", Integer.toString(body.length));
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
