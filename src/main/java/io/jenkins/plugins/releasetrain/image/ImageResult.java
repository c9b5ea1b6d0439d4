package io.jenkins.plugins.releasetrain.image;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * What happened to one image.
 *
 * @param digest         the source digest (null when it could not be read)
 * @param mediaType      the manifest's media type, when known
 * @param previousDigest what the destination tag pointed at before, when it pointed elsewhere (forced move)
 * @param reason         why it failed (null unless {@link PromotionStatus#FAILED})
 * @param blobsCopied    blobs and child manifests transferred across repositories
 * @param blobsMounted   blobs mounted from the source repository instead
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({
    "artifactId",
    "source",
    "destination",
    "status",
    "digest",
    "mediaType",
    "previousDigest",
    "reason",
    "blobsCopied",
    "blobsMounted",
    "startedAt",
    "durationMillis"
})
public record ImageResult(
        String artifactId,
        String source,
        String destination,
        PromotionStatus status,
        String digest,
        String mediaType,
        String previousDigest,
        String reason,
        int blobsCopied,
        int blobsMounted,
        @JsonSerialize(using = ToStringSerializer.class) Instant startedAt,
        long durationMillis)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    public ImageResult {
        Objects.requireNonNull(artifactId, "artifactId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(startedAt, "startedAt");
    }

    public boolean failed() {
        return status == PromotionStatus.FAILED;
    }

    /** One line for a build log: {@code tagged product1/app:dev_1 -> product1/app:stage_us_1 sha256:...}. */
    public String describe() {
        String line = status.label() + " " + source + " -> " + destination;
        if (digest != null) {
            line += " " + digest;
        }
        if (previousDigest != null) {
            line += " (was " + previousDigest + ")";
        }
        if (reason != null) {
            line += ": " + reason;
        }
        return line;
    }
}
