package io.jenkins.plugins.releasetrain.ledger;

import static io.jenkins.plugins.releasetrain.ledger.LedgerFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.releasetrain.manifest.LoadedManifest;
import io.jenkins.plugins.releasetrain.manifest.Release;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class LedgerCodecTest {

    private final LoadedManifest staging = LedgerFixtures.staging();
    private final Release release = staging.release();
    private final RunId run = new RunId("20260801T090000Z-abc123");

    @Test
    void everyRecordTypeSurvivesTheRoundTripExactly() throws Exception {
        List<LedgerRecord> records = List.of(
                LedgerFixtures.started(run, staging, "alice", T0),
                LedgerFixtures.result(run, release, release.artifacts().get(0), ArtifactStatus.SUCCEEDED, T0),
                LedgerFixtures.result(run, release, release.artifacts().get(7), ArtifactStatus.SKIPPED, T0),
                LedgerFixtures.approval(release, "bob", ApprovalDecision.APPROVED, T0),
                LedgerFixtures.finished(run, release, ReleaseStatus.PARTIAL, T0));

        for (int i = 0; i < records.size(); i++) {
            LedgerEntry entry = new LedgerEntry(i + 1, records.get(i));
            byte[] line = LedgerCodec.encode(entry);

            assertThat(LedgerCodec.decode(line, 0, line.length - 1)).isEqualTo(entry);
        }
    }

    @Test
    void keepsWhereAStartCameFromAndReadsStartsWrittenWithoutIt() throws Exception {
        java.util.Map<String, String> origin = java.util.Map.of(
                "jenkins.job", "releases/production", "jenkins.url", "https://ci.example.com/job/releases/7/");
        ReleaseStarted started = ReleaseStarted.of(run, staging, new PlanSummary(9, 0, 0, 0), "alice", T0, origin);
        byte[] line = LedgerCodec.encode(new LedgerEntry(1, started));

        assertThat(((ReleaseStarted)
                                LedgerCodec.decode(line, 0, line.length - 1).record())
                        .details())
                .isEqualTo(origin);

        ReleaseStarted plain = LedgerFixtures.started(run, staging, "alice", T0);
        byte[] withEmptyDetails = LedgerCodec.encode(new LedgerEntry(2, plain));
        String withoutDetails = new String(withEmptyDetails, StandardCharsets.UTF_8).replace(",\"details\":{}", "");
        byte[] older = withFreshChecksum(withoutDetails);
        assertThat(((ReleaseStarted)
                                LedgerCodec.decode(older, 0, older.length - 1).record())
                        .details())
                .isEmpty();
    }

    @Test
    void writesOneLineOfPlainJsonEndingWithItsChecksum() throws Exception {
        String text = "line one\nline \"two\"\t\u00e9\u2028";
        ArtifactResult result = new ArtifactResult(
                run,
                release.id(),
                "alice",
                T0,
                RecordedArtifact.of(release, release.artifacts().get(0)),
                ArtifactStatus.FAILED,
                "exit 3",
                T0,
                T0,
                text);
        byte[] line = LedgerCodec.encode(new LedgerEntry(42, result));
        String json = new String(line, StandardCharsets.UTF_8);

        assertThat(json).endsWith("\"}\n").containsOnlyOnce("\n");
        JsonNode node = new ObjectMapper().readTree(json);
        assertThat(node.get("seq").asLong()).isEqualTo(42);
        assertThat(node.get("type").asText()).isEqualTo("artifact-result");
        assertThat(node.get("status").asText()).isEqualTo("failed");
        assertThat(node.get("output").asText()).isEqualTo(text);
        assertThat(node.get("crc32c").asText()).matches("[0-9a-f]{8}");
    }

    @Test
    void recognisesALineDamagedAfterItWasWritten() {
        byte[] line = LedgerCodec.encode(
                new LedgerEntry(1, LedgerFixtures.finished(run, release, ReleaseStatus.SUCCEEDED, T0)));
        String text = new String(line, StandardCharsets.UTF_8);
        byte[] damaged = text.replace("succeeded", "succeedeD").getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> LedgerCodec.decode(damaged, 0, damaged.length - 1))
                .isInstanceOf(CorruptRecordException.class)
                .hasMessageContaining("checksum mismatch");
    }

    @Test
    void recognisesALineCutShort() {
        byte[] line = LedgerCodec.encode(new LedgerEntry(1, LedgerFixtures.started(run, staging, "alice", T0)));
        byte[] cut = Arrays.copyOf(line, line.length / 2);

        assertThatThrownBy(() -> LedgerCodec.decode(cut, 0, cut.length))
                .isInstanceOf(CorruptRecordException.class)
                .hasMessageContaining("incomplete record");
    }

    @Test
    void refusesARecordOfAFutureFormatWithAHintToUpgrade() {
        byte[] line =
                LedgerCodec.encode(new LedgerEntry(1, LedgerFixtures.finished(run, release, ReleaseStatus.FAILED, T0)));
        String future = new String(line, StandardCharsets.UTF_8).replace("{\"v\":1,", "{\"v\":2,");
        byte[] body = (future.substring(0, future.indexOf(",\"crc32c\"")) + "}").getBytes(StandardCharsets.UTF_8);
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(body);
        byte[] resealed = (future.substring(0, future.indexOf(",\"crc32c\"")) + ",\"crc32c\":\""
                        + String.format("%08x", crc.getValue()) + "\"}")
                .getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> LedgerCodec.decode(resealed, 0, resealed.length))
                .isInstanceOf(CorruptRecordException.class)
                .hasMessageContaining("format version 2")
                .hasMessageContaining("upgrade");
    }

    @Test
    void rebuildsTheExactReleaseFromTheRecordedManifestText() {
        ReleaseStarted started = LedgerFixtures.started(run, staging, "alice", T0);

        assertThat(started.release()).isEqualTo(release);
        assertThat(started.release().id()).isEqualTo(release.id());
    }

    @Test
    void rebuildsEachArtifactWithEveryAttribute() {
        for (var artifact : release.artifacts()) {
            var rebuilt = RecordedArtifact.of(release, artifact).artifact();

            assertThat(rebuilt.id()).isEqualTo(artifact.id());
            assertThat(rebuilt.kind()).isEqualTo(artifact.kind());
            assertThat(rebuilt.product()).isEqualTo(artifact.product());
            assertThat(rebuilt.version()).isEqualTo(artifact.version());
            assertThat(rebuilt.attributes()).containsExactlyEntriesOf(artifact.attributes());
        }
    }

    /** A line edited by hand, given the checksum the ledger would have written for it. */
    private static byte[] withFreshChecksum(String line) {
        String body = line.substring(0, line.lastIndexOf(",\"crc32c\"")) + "}";
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(body.getBytes(StandardCharsets.UTF_8));
        String checksum = String.format(java.util.Locale.ROOT, "%08x", crc.getValue());
        return (body.substring(0, body.length() - 1) + ",\"crc32c\":\"" + checksum + "\"}\n")
                .getBytes(StandardCharsets.UTF_8);
    }
}
