package io.jenkins.plugins.releasetrain.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;

/**
 * Who holds an environment's lock, as written into {@code <environment>.lock} for other processes'
 * messages. The operating system's file lock is what excludes; this only names the holder.
 */
public record LockHolder(long pid, String host, Instant since, RunId runId, String actor) {

    // Configured once and never changed afterwards, hence thread-safe.
    private static final ObjectMapper MAPPER = new ObjectMapper();

    public LockHolder {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(actor, "actor");
    }

    /** This process, from now on, for {@code runId}. */
    static LockHolder thisProcess(RunId runId, String actor, Instant since) {
        return new LockHolder(ProcessHandle.current().pid(), localHost(), since, runId, actor);
    }

    /** {@code run 20260822T101502Z-3f9a1c by alice (pid 4242 on build-1, since 2026-08-22T10:15:02Z)} */
    public String describe() {
        return "run " + runId + " by " + actor + " (pid " + pid + " on " + host + ", since " + since + ")";
    }

    byte[] toJson() {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("pid", pid);
        node.put("host", host);
        node.put("since", since.toString());
        node.put("runId", runId.value());
        node.put("actor", actor);
        return (node + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** The holder named in a lock file's bytes; empty when there is none or it is unreadable. */
    static Optional<LockHolder> parse(byte[] bytes) {
        if (bytes.length == 0) {
            return Optional.empty();
        }
        try {
            JsonNode node = MAPPER.readTree(bytes);
            if (node == null || !node.isObject()) {
                return Optional.empty();
            }
            return Optional.of(new LockHolder(
                    node.path("pid").asLong(-1),
                    node.path("host").asText("unknown host"),
                    Instant.parse(node.path("since").asText()),
                    new RunId(node.path("runId").asText()),
                    node.path("actor").asText("unknown")));
        } catch (IOException | DateTimeParseException | IllegalArgumentException e) {
            // Half-written by a holder killed at that moment, or not ours: no name to show, nothing more.
            return Optional.empty();
        }
    }

    private static String localHost() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown host";
        }
    }
}
