package io.jenkins.plugins.releasetrain.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ImageMapsTest {

    private static final Instant STARTED = Instant.parse("2026-11-25T17:53:38.120Z");

    private static final ImageResult TAGGED = new ImageResult(
            "product1/image/product1/microservice-1",
            "product1/microservice-1:dev_123",
            "product1/microservice-1:stage_us_123",
            PromotionStatus.TAGGED,
            "sha256:" + "3f".repeat(32),
            "application/vnd.oci.image.index.v1+json",
            null,
            null,
            0,
            0,
            STARTED,
            57);
    private static final ImageResult FAILED = new ImageResult(
            "product1/image/product1/microservice-3",
            "product1/microservice-3:dev_789",
            "product1/microservice-3:stage_us_789",
            PromotionStatus.FAILED,
            null,
            null,
            null,
            "source product1/microservice-3:dev_789 not found in oci-layout:/srv/images",
            0,
            0,
            STARTED,
            3);

    @Test
    void aReportIsItsJsonAsPlainMapsWithTheSummaryLine() throws IOException {
        PromotionReport report = new PromotionReport(
                "oci-layout:/srv/images", null, false, false, STARTED, 412, List.of(TAGGED, FAILED));

        Map<String, Object> map = ImageMaps.report(report);

        assertThat(map)
                .containsEntry("registry", "oci-layout:/srv/images")
                .doesNotContainKey("sourceRegistry")
                .containsEntry("dryRun", false)
                .containsEntry("startedAt", "2026-11-25T17:53:38.120Z")
                .containsEntry("succeeded", false)
                .containsEntry("summaryLine", "2 images: 1 tagged, 0 unchanged, 1 failed in 412 ms")
                .containsEntry("summary", Map.of("total", 2, "tagged", 1, "unchanged", 0, "wouldTag", 0, "failed", 1));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> images = (List<Map<String, Object>>) map.get("images");
        assertThat(images.get(0))
                .containsEntry("status", "tagged")
                .containsEntry("digest", TAGGED.digest())
                .doesNotContainKey("reason");
        assertThat(images.get(1))
                .containsEntry("status", "failed")
                .containsEntry("reason", FAILED.reason())
                .doesNotContainKey("digest");
        try (ObjectOutputStream out = new ObjectOutputStream(new ByteArrayOutputStream())) {
            out.writeObject(map);
        }
    }
}
