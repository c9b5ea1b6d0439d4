package io.jenkins.plugins.releasetrain.ledger;

import static io.jenkins.plugins.releasetrain.ledger.LedgerFixtures.STAGING;
import static io.jenkins.plugins.releasetrain.ledger.LedgerFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.releasetrain.manifest.Artifact;
import io.jenkins.plugins.releasetrain.manifest.LoadedManifest;
import io.jenkins.plugins.releasetrain.manifest.Release;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 100,000 records of generated history read back exactly: every answer checked against a model computed
 * independently while generating. (How fast such a read is, the JMH benchmark LedgerReadBenchmark shows.)
 */
class LargeHistoryTest {

    static final int RECORDS = 100_000;

    @TempDir
    Path dir;

    @Test
    void answersCorrectlyOverAHundredThousandRecords() {
        LoadedManifest manifest = LedgerFixtures.staging();
        Release release = manifest.release();
        List<Artifact> artifacts = release.artifacts();
        int perRun = artifacts.size() + 2;
        int runs = RECORDS / perRun;
        int approvals = RECORDS - runs * perRun;

        Map<String, String> liveVersion = new HashMap<>();
        Map<String, String> liveAtMiddle = new HashMap<>();
        Instant middle = T0.plusSeconds(runs / 2L * 100 + 50);
        RunId lastSucceeded = null;
        List<LedgerRecord> records = new ArrayList<>(RECORDS);
        for (int i = 0; i < runs; i++) {
            RunId run = new RunId("run-" + i);
            Instant start = T0.plusSeconds(i * 100L);
            records.add(LedgerFixtures.started(run, manifest, "alice", start));
            List<ArtifactStatus> statuses = new ArrayList<>();
            for (int j = 0; j < artifacts.size(); j++) {
                ArtifactStatus status =
                        i % 3 == 0 && j == i % artifacts.size() ? ArtifactStatus.FAILED : ArtifactStatus.SUCCEEDED;
                Instant time = start.plusSeconds(j + 1);
                ArtifactResult result = generated(run, release, artifacts.get(j), i, status, time);
                records.add(result);
                statuses.add(status);
                if (status.isLive()) {
                    liveVersion.put(result.artifactId(), result.artifact().version());
                    if (!time.isAfter(middle)) {
                        liveAtMiddle.put(result.artifactId(), result.artifact().version());
                    }
                }
            }
            ReleaseStatus status = ReleaseStatus.of(statuses);
            if (status == ReleaseStatus.SUCCEEDED) {
                lastSucceeded = run;
            }
            records.add(LedgerFixtures.finished(run, release, status, start.plusSeconds(perRun)));
        }
        for (int k = 0; k < approvals; k++) {
            records.add(LedgerFixtures.approval(release, "approver-" + k, ApprovalDecision.APPROVED, T0));
        }
        Ledger ledger = Ledger.open(dir);
        try (EnvironmentLock lock = ledger.lock(STAGING, new RunId("generator"), "alice")) {
            for (int from = 0; from < records.size(); from += 10_000) {
                lock.appendAll(records.subList(from, Math.min(records.size(), from + 10_000)));
            }
        }

        EnvironmentLedger read = Ledger.open(dir).read(STAGING);

        assertThat(read.entries()).hasSize(RECORDS);
        assertThat(read.warnings()).isEmpty();
        assertThat(read.entries().get(RECORDS - 1).sequence()).isEqualTo(RECORDS);
        assertThat(versions(read.state())).isEqualTo(liveVersion);
        assertThat(versions(read.stateAt(middle))).isEqualTo(liveAtMiddle);
        assertThat(read.runs()).hasSize(runs);
        assertThat(read.history(0, 1).runs().get(0).runId().value()).isEqualTo("run-" + (runs - 1));
        assertThat(read.lastSuccessfulRun().orElseThrow().runId()).isEqualTo(lastSucceeded);
        assertThat(read.approvals(release.id())).hasSize(approvals);
    }

    /** Run {@code i}'s result for an artifact, at a commit or tag of its own so that versions move. */
    static ArtifactResult generated(
            RunId run, Release release, Artifact artifact, int i, ArtifactStatus status, Instant time) {
        RecordedArtifact recorded = RecordedArtifact.of(release, artifact);
        Map<String, String> attributes = new LinkedHashMap<>(recorded.attributes());
        String version;
        if (attributes.containsKey("gitCommit")) {
            version = String.format("%040x", (long) i * 1_000 + artifact.id().hashCode() % 1_000 + 1_000);
            attributes.put("gitCommit", version);
        } else {
            version = "build_" + i;
            attributes.put("sourceTag", version);
        }
        RecordedArtifact moved = new RecordedArtifact(
                recorded.id(),
                recorded.product(),
                recorded.productVersion(),
                recorded.kind(),
                version,
                version.length() > 12 ? version.substring(0, 12) : version,
                attributes);
        return new ArtifactResult(run, release.id(), "alice", time, moved, status, status.label(), time, time, "ok\n");
    }

    private static Map<String, String> versions(EnvironmentState state) {
        Map<String, String> versions = new HashMap<>();
        state.artifacts().forEach(a -> versions.put(a.artifactId(), a.artifact().version()));
        return versions;
    }
}
