package io.jenkins.plugins.releasetrain.image;

import io.jenkins.plugins.releasetrain.image.http.RegistryEndpoint;
import io.jenkins.plugins.releasetrain.testing.RequiredTool;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A real CNCF distribution registry ({@code docker-registry serve}) on a free loopback port, with its
 * own storage and config under a temporary directory. Startup is awaited on the registry's own
 * "listening on" log line (bounded), never by sleeping.
 */
public final class RegistryServer implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

    private final Path dir;
    private final int port;
    private final String authSection;
    private final Path log;
    private Process process;

    private RegistryServer(Path dir, int port, String authSection) {
        this.dir = dir;
        this.port = port;
        this.authSection = authSection;
        this.log = dir.resolve("registry.log");
    }

    /** An anonymous registry. */
    public static RegistryServer start(Path dir) {
        return start(dir, "");
    }

    /** A registry with an {@code auth:} section (YAML, indented by two spaces under {@code auth:}). */
    public static RegistryServer start(Path dir, String authSection) {
        RequiredTool.DOCKER_REGISTRY.require();
        RegistryServer server = new RegistryServer(dir, freePort(), authSection);
        server.startProcess();
        return server;
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    public RegistryEndpoint endpoint() {
        return new RegistryEndpoint("http", "127.0.0.1", port);
    }

    public String reference() {
        return endpoint().toString();
    }

    public Path log() {
        return log;
    }

    private void startProcess() {
        try {
            Files.createDirectories(dir.resolve("storage"));
            Path config = dir.resolve("config.yml");
            String yaml = "version: 0.1\n"
                    + "log:\n  level: info\n  formatter: text\n"
                    + "storage:\n  filesystem:\n    rootdirectory: " + dir.resolve("storage") + "\n"
                    + "  delete:\n    enabled: true\n"
                    + "  maintenance:\n    uploadpurging:\n      enabled: false\n"
                    // draintimeout: stopped with SIGTERM, the registry finishes the requests it is serving,
                    // as when an operator restarts it. Without it, Go exits at once and can leave a tag's
                    // link file half written, which this registry then answers with HTTP 500 for good.
                    + "http:\n  addr: 127.0.0.1:" + port + "\n  secret: release-train-test\n  draintimeout: 10s\n"
                    + (authSection.isEmpty() ? "" : "auth:\n" + authSection);
            Files.writeString(config, yaml, StandardCharsets.UTF_8);
            process = new ProcessBuilder(RequiredTool.DOCKER_REGISTRY.path().toString(), "serve", config.toString())
                    .redirectErrorStream(true)
                    .start();
            CompletableFuture<Void> listening = new CompletableFuture<>();
            Thread pump = new Thread(() -> pump(listening), "registry-log-" + port);
            pump.setDaemon(true);
            pump.start();
            listening.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            awaitV2();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            stop();
            throw new IllegalStateException("docker-registry did not start; log: " + readLog(), e);
        }
    }

    /** Copies the registry's output to its log file, completing {@code listening} on the line that says so. */
    private void pump(CompletableFuture<Void> listening) {
        try (BufferedReader in =
                        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                Writer out = Files.newBufferedWriter(
                        log,
                        StandardCharsets.UTF_8,
                        java.nio.file.StandardOpenOption.CREATE,
                        java.nio.file.StandardOpenOption.APPEND)) {
            String line;
            while ((line = in.readLine()) != null) {
                out.write(line);
                out.write('\n');
                out.flush();
                if (line.contains("listening on")) {
                    listening.complete(null);
                }
            }
            listening.completeExceptionally(new IllegalStateException("registry exited"));
        } catch (IOException e) {
            listening.completeExceptionally(e);
        }
    }

    /** The registry logs "listening" just before it accepts; one request proves it answers. */
    private void awaitV2() throws IOException, InterruptedException {
        HttpClient client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<Void> response = client.send(
                HttpRequest.newBuilder(URI.create(reference() + "/v2/"))
                        .timeout(Duration.ofSeconds(5))
                        .build(),
                HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() != 200 && response.statusCode() != 401) {
            throw new IllegalStateException("registry /v2/ answered " + response.statusCode());
        }
    }

    /** Stops the process (the storage stays, for {@link #restart()}). */
    public void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Starts again on the same port with the same storage. */
    public void restart() {
        stop();
        startProcess();
    }

    public String readLog() {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    @Override
    public void close() {
        stop();
    }
}
