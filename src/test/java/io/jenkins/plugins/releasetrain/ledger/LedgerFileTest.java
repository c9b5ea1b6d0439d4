package io.jenkins.plugins.releasetrain.ledger;

import static io.jenkins.plugins.releasetrain.ledger.LedgerFixtures.STAGING;
import static io.jenkins.plugins.releasetrain.ledger.LedgerFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.releasetrain.manifest.LoadedManifest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writing and reading one environment's file on the real file system, including what crashes leave. */
class LedgerFileTest {

    @TempDir
    Path dir;

    private final LoadedManifest staging = LedgerFixtures.staging();
    private final RunId run = new RunId("20260801T090000Z-000001");

    @Test
    void writesOneLinePerRecordNumberedFromOne() throws IOException {
        Ledger ledger = Ledger.open(dir);
        List<LedgerRecord> records = LedgerFixtures.run(run, staging, ArtifactStatus.SUCCEEDED, T0);
        try (EnvironmentLock lock = ledger.lock(STAGING, run, "alice")) {
            records.forEach(lock::append);
        }

        List<String> lines = Files.readAllLines(ledger.file(STAGING), StandardCharsets.UTF_8);
        EnvironmentLedger read = ledger.read(STAGING);

        assertThat(lines).hasSize(records.size());
        assertThat(read.entries()).extracting(LedgerEntry::sequence).containsExactly(longs(1, records.size()));
        assertThat(read.entries()).extracting(LedgerEntry::record).containsExactlyElementsOf(records);
        assertThat(read.warnings()).isEmpty();
    }

    @Test
    void appendingNeverRewritesEarlierBytes() throws IOException {
        Ledger ledger = Ledger.open(dir);
        List<LedgerRecord> records = LedgerFixtures.run(run, staging, ArtifactStatus.SUCCEEDED, T0);
        try (EnvironmentLock lock = ledger.lock(STAGING, run, "alice")) {
            lock.append(records.get(0));
            byte[] before = Files.readAllBytes(ledger.file(STAGING));
            lock.append(records.get(1));
            byte[] after = Files.readAllBytes(ledger.file(STAGING));

            assertThat(Arrays.copyOf(after, before.length)).isEqualTo(before);
            assertThat(after.length).isGreaterThan(before.length);
        }
    }

    @Test
    void ignoresARecordCutOffByACrashWithOneWarningAndKeepsEveryEarlierRecord() throws IOException {
        Ledger ledger = Ledger.open(dir);
        List<LedgerRecord> records = LedgerFixtures.run(run, staging, ArtifactStatus.SUCCEEDED, T0);
        try (EnvironmentLock lock = ledger.lock(STAGING, run, "alice")) {
            records.forEach(lock::append);
        }
        Path file = ledger.file(STAGING);
        long complete = Files.size(file);
        // What a power cut in the middle of the next write leaves: half a line, no newline.
        byte[] next = LedgerCodec.encode(new LedgerEntry(records.size() + 1, records.get(0)));
        Files.write(file, Arrays.copyOf(next, next.length / 2), StandardOpenOption.APPEND);

        EnvironmentLedger read = Ledger.open(dir).read(STAGING);

        assertThat(read.entries()).extracting(LedgerEntry::record).containsExactlyElementsOf(records);
        assertThat(read.warnings()).singleElement().satisfies(w -> {
            assertThat(w.file()).isEqualTo(file);
            assertThat(w.line()).isEqualTo(records.size() + 1);
            assertThat(w.message()).contains("last record ignored", "cut off by a crash");
        });
        assertThat(Files.size(file)).isGreaterThan(complete);
    }

    @Test
    void startsTheNextRecordOnAFreshLineAfterACutOffOneAndThenReportsItWithItsLineNumber() throws IOException {
        Ledger ledger = Ledger.open(dir);
        List<LedgerRecord> records = LedgerFixtures.run(run, staging, ArtifactStatus.SUCCEEDED, T0);
        try (EnvironmentLock lock = ledger.lock(STAGING, run, "alice")) {
            lock.append(records.get(0));
        }
        Path file = ledger.file(STAGING);
        byte[] torn = LedgerCodec.encode(new LedgerEntry(2, records.get(1)));
        Files.write(file, Arrays.copyOf(torn, torn.length - 20), StandardOpenOption.APPEND);

        LedgerEntry appended;
        try (EnvironmentLock lock = ledger.lock(STAGING, run, "alice")) {
            appended = lock.append(records.get(1));
        }
        EnvironmentLedger read = ledger.read(STAGING);
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);

        assertThat(lines).hasSize(3);
        assertThat(appended.sequence()).isEqualTo(2);
        assertThat(read.entries()).extracting(LedgerEntry::record).containsExactly(records.get(0), records.get(1));
        assertThat(read.warnings()).singleElement().satisfies(w -> {
            assertThat(w.line()).isEqualTo(2);
            assertThat(w.format()).startsWith(file + ":2: warning: damaged record skipped");
        });
    }

    @Test
    void reportsDamageInTheMiddleOfTheFileWithFileAndLineAndKeepsTheRecordsAround() throws IOException {
        Ledger ledger = Ledger.open(dir);
        List<LedgerRecord> records = LedgerFixtures.run(run, staging, ArtifactStatus.SUCCEEDED, T0);
        try (EnvironmentLock lock = ledger.lock(STAGING, run, "alice")) {
            records.forEach(lock::append);
        }
        Path file = ledger.file(STAGING);
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        lines.set(3, lines.get(3).replace("\"exit 0\"", "\"exit 9\""));
        Files.write(file, lines, StandardCharsets.UTF_8);

        EnvironmentLedger read = Ledger.open(dir).read(STAGING);

        assertThat(read.entries()).hasSize(records.size() - 1);
        assertThat(read.entries())
                .extracting(LedgerEntry::sequence)
                .doesNotContain(4L)
                .contains(3L, 5L);
        assertThat(read.warnings()).singleElement().satisfies(w -> {
            assertThat(w.line()).isEqualTo(4);
            assertThat(w.message()).contains("checksum mismatch");
        });
    }

    @Test
    void readingAgainParsesOnlyWhatWasAppendedAndSeesIt() {
        Ledger ledger = Ledger.open(dir);
        List<LedgerRecord> records = LedgerFixtures.run(run, staging, ArtifactStatus.SUCCEEDED, T0);
        try (EnvironmentLock lock = ledger.lock(STAGING, run, "alice")) {
            lock.append(records.get(0));
            assertThat(ledger.read(STAGING).entries()).hasSize(1);
            lock.appendAll(records.subList(1, records.size()));
        }

        assertThat(ledger.read(STAGING).entries())
                .extracting(LedgerEntry::record)
                .containsExactlyElementsOf(records);
    }

    @Test
    void startsOverWhenTheFileIsReplacedBehindItsBack() throws IOException {
        Ledger ledger = Ledger.open(dir);
        List<LedgerRecord> records = LedgerFixtures.run(run, staging, ArtifactStatus.SUCCEEDED, T0);
        try (EnvironmentLock lock = ledger.lock(STAGING, run, "alice")) {
            lock.appendAll(records);
        }
        assertThat(ledger.read(STAGING).entries()).hasSize(records.size());
        Path file = ledger.file(STAGING);
        byte[] first = Files.readAllLines(file).get(0).concat("\n").getBytes(StandardCharsets.UTF_8);
        Path restored = dir.resolve("restored");
        Files.write(restored, first);
        Files.move(restored, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        assertThat(ledger.read(STAGING).entries())
                .extracting(LedgerEntry::record)
                .containsExactly(records.get(0));
    }

    @Test
    void readsNothingAndWarnsOfNothingForAnEnvironmentWithoutRecords() {
        EnvironmentLedger read = Ledger.open(dir.resolve("not-created-yet")).read(STAGING);

        assertThat(read.isEmpty()).isTrue();
        assertThat(read.warnings()).isEmpty();
        assertThat(read.state().artifacts()).isEmpty();
        assertThat(Ledger.open(dir.resolve("not-created-yet")).environments()).isEmpty();
    }

    @Test
    void refusesANameThatIsNotAnEnvironmentBeforeTouchingAnyPath() {
        Ledger ledger = Ledger.open(dir);

        assertThatThrownBy(() -> ledger.read("../etc/passwd"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not an environment name");
        assertThatThrownBy(() -> ledger.lock("Production", run, "alice")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void listsTheEnvironmentsThatHaveRecords() {
        Ledger ledger = Ledger.open(dir);
        LoadedManifest production = LedgerFixtures.production();
        try (EnvironmentLock lock = ledger.lock(STAGING, run, "alice")) {
            lock.append(LedgerFixtures.started(run, staging, "alice", T0));
        }
        try (EnvironmentLock lock = ledger.lock(LedgerFixtures.PRODUCTION, run, "alice")) {
            lock.append(LedgerFixtures.started(run, production, "alice", T0));
        }

        assertThat(ledger.environments()).containsExactly(LedgerFixtures.PRODUCTION, STAGING);
    }

    @Test
    void refusesARecordOfAnotherEnvironment() {
        Ledger ledger = Ledger.open(dir);
        try (EnvironmentLock lock = ledger.lock(LedgerFixtures.PRODUCTION, run, "alice")) {
            assertThatThrownBy(() -> lock.append(LedgerFixtures.started(run, staging, "alice", T0)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("does not belong in the ledger of production-us-east-2");
        }
    }

    private static Long[] longs(int from, int to) {
        Long[] values = new Long[to - from + 1];
        for (int i = 0; i < values.length; i++) {
            values[i] = (long) (from + i);
        }
        return values;
    }
}
