package io.jenkins.plugins.releasetrain.approval;

import io.jenkins.plugins.releasetrain.manifest.ReleaseId;
import java.time.Instant;
import java.util.Objects;

/** A release that finished with every artifact live in {@code environment}: what promotion order looks for. */
public record SucceededRelease(String environment, ReleaseId releaseId, ReleaseContent content, Instant finishedAt) {

    public SucceededRelease {
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(releaseId, "releaseId");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(finishedAt, "finishedAt");
    }
}
