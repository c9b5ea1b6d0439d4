package io.jenkins.plugins.releasetrain.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The report a build keeps: its summary line, and that it survives Java serialization (Jenkins actions). */
class PromotionReportTest {

    private static final Instant AT = Instant.parse("2026-11-25T17:00:00Z");

    private static ImageResult result(String artifact, PromotionStatus status, String reason) {
        return new ImageResult(
                artifact,
                "app:dev_1",
                "app:stage_1",
                status,
                "sha256:" + "a".repeat(64),
                MediaTypes.OCI_MANIFEST,
                null,
                reason,
                0,
                0,
                AT,
                12);
    }

    @Test
    void summarizesCountsPerStatus() {
        PromotionReport report = new PromotionReport(
                "oci-layout:/x",
                null,
                false,
                false,
                AT,
                40,
                List.of(
                        result("a", PromotionStatus.TAGGED, null),
                        result("b", PromotionStatus.UNCHANGED, null),
                        result("c", PromotionStatus.FAILED, "source app:dev_1 not found")));

        assertThat(report.summaryLine()).isEqualTo("3 images: 1 tagged, 1 unchanged, 1 failed in 40 ms");
        assertThat(report.succeeded()).isFalse();
        assertThat(report.summary()).isEqualTo(new PromotionReport.Summary(3, 1, 1, 0, 1));
        assertThat(report.images().get(2).describe())
                .isEqualTo("failed app:dev_1 -> app:stage_1 sha256:" + "a".repeat(64) + ": source app:dev_1 not found");
    }

    @Test
    void survivesJavaSerializationForJenkinsActions() throws Exception {
        PromotionReport report = new PromotionReport(
                "ecr:us-east-2",
                "https://dev.example.com",
                true,
                true,
                AT,
                7,
                List.of(result("a", PromotionStatus.WOULD_TAG, null)));

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(report);
        }
        Object back;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            back = in.readObject();
        }

        assertThat(back).isEqualTo(report);
        assertThat(((PromotionReport) back).summaryLine())
                .isEqualTo("1 image: 1 would be tagged, 0 unchanged, 0 failed in 7 ms (dry run: nothing written)");
    }
}
