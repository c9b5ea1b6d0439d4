package io.jenkins.plugins.releasetrain.gitops;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Git's own smart HTTP server ({@code git http-backend}, a CGI program) behind a JDK {@link HttpServer} on
 * 127.0.0.1, with Basic authentication: the real network transport that the gitops tests fetch and push
 * through. Every request runs one bounded {@code git http-backend} process.
 */
final class GitHttpServer implements AutoCloseable {

    private static final long REQUEST_SECONDS = 60;

    private final HttpServer server;
    private final ExecutorService workers;
    private final ExecutorService bodies;
    private final Path git;
    private final Path projectRoot;
    private final String authorization;
    private final AtomicInteger unauthorized = new AtomicInteger();

    private GitHttpServer(Path git, Path projectRoot, String user, String password) throws IOException {
        this.git = git;
        this.projectRoot = projectRoot;
        this.authorization =
                "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        this.workers = Executors.newFixedThreadPool(4);
        // Request bodies are copied on threads of their own, so a busy handler pool can never wait on itself.
        this.bodies = Executors.newFixedThreadPool(4);
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(workers);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Serves the bare repositories under {@code projectRoot} to {@code user} with {@code password}. */
    static GitHttpServer start(Path git, Path projectRoot, String user, String password) throws IOException {
        return new GitHttpServer(git, projectRoot, user, password);
    }

    String url(String repository) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + repository;
    }

    /** How many requests came without valid credentials (each answered 401). */
    int unauthorizedRequests() {
        return unauthorized.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!authorization.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                unauthorized.incrementAndGet();
                exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"git\"");
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            runBackend(exchange);
        }
    }

    private void runBackend(HttpExchange exchange) throws IOException {
        ProcessBuilder builder =
                new ProcessBuilder(git.toString(), "http-backend").redirectError(ProcessBuilder.Redirect.DISCARD);
        Map<String, String> env = builder.environment();
        env.put("GIT_PROJECT_ROOT", projectRoot.toString());
        env.put("GIT_HTTP_EXPORT_ALL", "1");
        env.put("REQUEST_METHOD", exchange.getRequestMethod());
        env.put("PATH_INFO", exchange.getRequestURI().getRawPath());
        env.put(
                "QUERY_STRING",
                exchange.getRequestURI().getRawQuery() == null
                        ? ""
                        : exchange.getRequestURI().getRawQuery());
        env.put("REMOTE_USER", "tester");
        env.put("REMOTE_ADDR", "127.0.0.1");
        copyHeader(exchange, "Content-Type", env, "CONTENT_TYPE");
        copyHeader(exchange, "Content-Length", env, "CONTENT_LENGTH");
        copyHeader(exchange, "Content-Encoding", env, "HTTP_CONTENT_ENCODING");
        copyHeader(exchange, "Git-Protocol", env, "GIT_PROTOCOL");
        Process process = builder.start();
        // The body goes in on another thread: the backend may answer before it has read all of it.
        Future<?> body = bodies.submit(() -> {
            try (InputStream in = exchange.getRequestBody();
                    OutputStream out = process.getOutputStream()) {
                in.transferTo(out);
            } catch (IOException e) {
                // the backend stopped reading; its exit status tells the rest
            }
            return null;
        });
        try (InputStream out = new BufferedInputStream(process.getInputStream())) {
            int status = 200;
            String line;
            while (!(line = headerLine(out)).isEmpty()) {
                int colon = line.indexOf(':');
                String name = line.substring(0, colon).trim();
                String value = line.substring(colon + 1).trim();
                if (name.toLowerCase(Locale.ROOT).equals("status")) {
                    status = Integer.parseInt(value.substring(0, 3));
                } else {
                    exchange.getResponseHeaders().add(name, value);
                }
            }
            exchange.sendResponseHeaders(status, 0);
            try (OutputStream response = exchange.getResponseBody()) {
                out.transferTo(response);
            }
            if (!process.waitFor(REQUEST_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            body.get(REQUEST_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            process.destroyForcibly();
            throw new IOException("git http-backend failed: " + e, e);
        }
    }

    private static void copyHeader(HttpExchange exchange, String header, Map<String, String> env, String variable) {
        String value = exchange.getRequestHeaders().getFirst(header);
        if (value != null) {
            env.put(variable, value);
        }
    }

    /** One CGI header line without its line ending; empty at the blank line that ends the headers. */
    private static String headerLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != -1 && c != '\n') {
            if (c != '\r') {
                line.write(c);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
        bodies.shutdownNow();
    }
}
