package io.jenkins.plugins.releasetrain.approval;

import io.jenkins.plugins.releasetrain.manifest.ReleaseId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A release that finished with every artifact live in {@code environment}: what promotion order looks for.
 *
 * @param verifiedAt when the environment's verification of that run passed; empty when it did not (or none ran)
 */
public record SucceededRelease(
        String environment,
        ReleaseId releaseId,
        ReleaseContent content,
        Instant finishedAt,
        Optional<Instant> verifiedAt) {

    public SucceededRelease(String environment, ReleaseId releaseId, ReleaseContent content, Instant finishedAt) {
        this(environment, releaseId, content, finishedAt, Optional.empty());
    }

    public SucceededRelease {
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(releaseId, "releaseId");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(finishedAt, "finishedAt");
        Objects.requireNonNull(verifiedAt, "verifiedAt");
    }
}
