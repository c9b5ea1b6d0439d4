package io.jenkins.plugins.releasetrain.image;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of a promotion: one result per requested image, in request order, and a summary.
 * Serializable, so the Jenkins glue can keep it in a build's actions.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"registry", "sourceRegistry", "dryRun", "force", "startedAt", "durationMillis", "summary", "images"
})
public record PromotionReport(
        String registry,
        String sourceRegistry,
        boolean dryRun,
        boolean force,
        @JsonSerialize(using = ToStringSerializer.class) Instant startedAt,
        long durationMillis,
        List<ImageResult> images)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Counts per status. */
    @JsonPropertyOrder({"total", "tagged", "unchanged", "wouldTag", "failed"})
    public record Summary(int total, int tagged, int unchanged, int wouldTag, int failed) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    public PromotionReport {
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(startedAt, "startedAt");
        images = List.copyOf(images);
    }

    @JsonProperty("summary")
    public Summary summary() {
        return new Summary(
                images.size(),
                count(PromotionStatus.TAGGED),
                count(PromotionStatus.UNCHANGED),
                count(PromotionStatus.WOULD_TAG),
                count(PromotionStatus.FAILED));
    }

    public int count(PromotionStatus status) {
        return (int) images.stream().filter(r -> r.status() == status).count();
    }

    /** True when no image failed. */
    public boolean succeeded() {
        return count(PromotionStatus.FAILED) == 0;
    }

    /** {@code 3 images: 1 tagged, 2 unchanged, 0 failed in 120 ms}, for a build log. */
    public String summaryLine() {
        Summary s = summary();
        String counts = dryRun
                ? s.wouldTag() + " would be tagged, " + s.unchanged() + " unchanged, " + s.failed() + " failed"
                : s.tagged() + " tagged, " + s.unchanged() + " unchanged, " + s.failed() + " failed";
        return s.total() + (s.total() == 1 ? " image: " : " images: ") + counts + " in " + durationMillis + " ms"
                + (dryRun ? " (dry run: nothing written)" : "");
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a report of strings and numbers always serializes", e);
        }
    }
}
