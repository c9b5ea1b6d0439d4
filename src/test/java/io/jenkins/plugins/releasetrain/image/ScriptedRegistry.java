package io.jenkins.plugins.releasetrain.image;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.jenkins.plugins.releasetrain.image.http.RegistryEndpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A registry on 127.0.0.1 that answers as a test scripts it: the hostile or failing registries a real
 * one cannot be made to imitate (lying digests, oversized manifests, throttling).
 */
final class ScriptedRegistry implements AutoCloseable {

    /** Answers one request; {@code count} is how many requests with this method and path came before, plus one. */
    @FunctionalInterface
    interface Script {
        void answer(HttpExchange exchange, int count) throws IOException;
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final Map<String, Script> scripts = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    private final List<String> log = new CopyOnWriteArrayList<>();

    ScriptedRegistry() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    RegistryEndpoint endpoint() {
        return new RegistryEndpoint("http", "127.0.0.1", server.getAddress().getPort());
    }

    /** Scripts {@code METHOD /path} (path without query). */
    ScriptedRegistry on(String method, String path, Script script) {
        scripts.put(method + " " + path, script);
        return this;
    }

    int count(String method, String path) {
        AtomicInteger count = counts.get(method + " " + path);
        return count == null ? 0 : count.get();
    }

    List<String> log() {
        return List.copyOf(log);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String key =
                    exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath();
            log.add(key);
            exchange.getRequestBody().readAllBytes();
            int count = counts.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
            Script script = scripts.get(key);
            if (script == null) {
                respond(
                        exchange,
                        404,
                        "application/json",
                        "{\"errors\":[{\"code\":\"NAME_UNKNOWN\",\"message\":\"unscripted\"}]}"
                                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            } else {
                script.answer(exchange, count);
            }
        }
    }

    static void respond(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        if (contentType != null) {
            exchange.getResponseHeaders().set("Content-Type", contentType);
        }
        boolean head = "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(status, head || body.length == 0 ? -1 : body.length);
        if (!head && body.length > 0) {
            exchange.getResponseBody().write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
