package io.jenkins.plugins.releasetrain.ledger;

import static io.jenkins.plugins.releasetrain.ledger.LedgerFixtures.STAGING;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.releasetrain.testing.ChildJvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A writer killed with {@code kill -9} in the middle of its work loses at most the record it was writing. */
class LedgerCrashTest {

    private static final Duration CHILD = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void keepsEveryCompleteRecordOfAWriterKilledMidLoop() throws IOException {
        RunId run = new RunId("20260801T090000Z-c0ffee");
        long announced;
        try (ChildJvm child = ChildJvm.start(LedgerChild.class, "write", dir.toString(), STAGING, run.value())) {
            announced = Long.parseLong(
                    child.awaitLine(l -> l.equals("appended 25"), CHILD).substring("appended ".length()));
            child.kill();
        }
        Path file = dir.resolve(STAGING + ".jsonl");
        byte[] bytes = Files.readAllBytes(file);
        boolean cutOff = bytes.length > 0 && bytes[bytes.length - 1] != '\n';

        EnvironmentLedger read = Ledger.open(dir).read(STAGING);

        // Every record the child confirmed, and any it wrote after, each whole and in order.
        List<LedgerEntry> entries = read.entries();
        assertThat((long) entries.size()).isGreaterThanOrEqualTo(announced);
        for (int i = 0; i < entries.size(); i++) {
            long n = i + 1;
            assertThat(entries.get(i).sequence()).isEqualTo(n);
            assertThat(entries.get(i).record()).isEqualTo(LedgerChild.record(n, run));
        }
        // A kill between two writes leaves no trace; one inside a write leaves one cut-off line, reported once.
        assertThat(read.warnings()).hasSize(cutOff ? 1 : 0);
        read.warnings().forEach(w -> assertThat(w.message()).contains("last record ignored"));

        // The next writer takes over the dead one's lock and continues on a fresh line with the next number.
        try (EnvironmentLock lock = Ledger.open(dir).lock(STAGING, run, "alice")) {
            assertThat(lock.staleHolder()).isPresent();
            assertThat(lock.append(LedgerChild.record(entries.size() + 1, run)).sequence())
                    .isEqualTo(entries.size() + 1);
        }
        EnvironmentLedger after = Ledger.open(dir).read(STAGING);
        assertThat(after.entries()).hasSize(entries.size() + 1);
        assertThat(after.warnings()).hasSize(cutOff ? 1 : 0);
        after.warnings().forEach(w -> assertThat(w.message()).contains("damaged record skipped"));
    }
}
