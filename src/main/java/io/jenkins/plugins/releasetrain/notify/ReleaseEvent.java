package io.jenkins.plugins.releasetrain.notify;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * One thing that happened to a release in an environment, as notifications carry it.
 *
 * @param id unique per event, so that a receiver can drop a retried delivery it already has
 * @param summary one line for people ("production-us-east-2: release 5b1f0e2d88c3 failed (2 of 9 artifacts)")
 * @param link where to look or act (the build, the approval prompt), when there is one
 * @param details more facts for programs (who may approve, the run id, counts), text values only
 */
public record ReleaseEvent(
        String id,
        EventType type,
        String environment,
        String releaseId,
        Optional<String> runId,
        Instant time,
        String summary,
        Optional<String> link,
        Map<String, String> details) {

    public ReleaseEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(releaseId, "releaseId");
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(link, "link");
        details = Map.copyOf(details);
    }

    /** A new event with a fresh id. */
    public static ReleaseEvent of(
            EventType type,
            String environment,
            String releaseId,
            Optional<String> runId,
            Instant time,
            String summary) {
        return new ReleaseEvent(
                UUID.randomUUID().toString(),
                type,
                environment,
                releaseId,
                runId,
                time,
                summary,
                Optional.empty(),
                Map.of());
    }

    public ReleaseEvent withLink(String url) {
        return new ReleaseEvent(id, type, environment, releaseId, runId, time, summary, Optional.of(url), details);
    }

    public ReleaseEvent withDetail(String key, String value) {
        Map<String, String> more = new LinkedHashMap<>(details);
        more.put(key, value);
        return new ReleaseEvent(id, type, environment, releaseId, runId, time, summary, link, more);
    }
}
