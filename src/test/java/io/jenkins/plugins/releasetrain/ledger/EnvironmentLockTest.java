package io.jenkins.plugins.releasetrain.ledger;

import static io.jenkins.plugins.releasetrain.ledger.LedgerFixtures.STAGING;
import static io.jenkins.plugins.releasetrain.ledger.LedgerFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.releasetrain.testing.ChildJvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One release at a time per environment, across threads and processes, and after a crash. */
class EnvironmentLockTest {

    private static final Duration CHILD = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private final RunId mine = new RunId("20260801T090000Z-aaaaaa");
    private final RunId theirs = new RunId("20260801T085900Z-bbbbbb");

    @Test
    void refusesASecondWriterInTheSameProcessAndNamesTheFirst() {
        Ledger ledger = Ledger.open(dir);
        try (EnvironmentLock first = ledger.lock(STAGING, theirs, "bob")) {
            first.append(LedgerFixtures.started(theirs, LedgerFixtures.staging(), "bob", T0));

            assertThatThrownBy(() -> Ledger.open(dir).lock(STAGING, mine, "alice"))
                    .isInstanceOf(EnvironmentLockedException.class)
                    .hasMessageContaining("environment staging-us-east-2 is being released by run " + theirs)
                    .hasMessageContaining("by bob")
                    .hasMessageContaining("pid " + ProcessHandle.current().pid());
            // The refused attempt must not have dropped the holder's OS lock (POSIX drops a process's lock
            // when any of its channels on the file closes): another process is still refused.
            try (ChildJvm other = ChildJvm.start(LedgerChild.class, "try", dir.toString(), STAGING, "other")) {
                assertThat(other.awaitLine(l -> l.startsWith("refused") || l.equals("locked"), CHILD))
                        .startsWith("refused: environment staging-us-east-2 is being released by run " + theirs);
            }
            assertThat(first.append(LedgerFixtures.finished(
                                    theirs, LedgerFixtures.staging().release(), ReleaseStatus.SUCCEEDED, T0))
                            .sequence())
                    .isEqualTo(2);
        }
        try (EnvironmentLock next = ledger.lock(STAGING, mine, "alice")) {
            assertThat(next.staleHolder()).isEmpty();
        }
    }

    @Test
    void locksEnvironmentsIndependently() {
        Ledger ledger = Ledger.open(dir);
        try (EnvironmentLock staging = ledger.lock(STAGING, mine, "alice");
                EnvironmentLock production = ledger.lock(LedgerFixtures.PRODUCTION, mine, "alice")) {
            assertThat(staging.environment()).isNotEqualTo(production.environment());
        }
    }

    @Test
    void refusesWhileAnotherProcessHoldsTheLockAndNamesThatProcess() {
        try (ChildJvm child = ChildJvm.start(LedgerChild.class, "hold", dir.toString(), STAGING, theirs.value())) {
            child.awaitLine("locked", CHILD);

            assertThatThrownBy(() -> Ledger.open(dir).lock(STAGING, mine, "alice"))
                    .isInstanceOf(EnvironmentLockedException.class)
                    .hasMessageContaining("run " + theirs + " by child (pid " + child.pid())
                    .satisfies(e -> assertThat(((EnvironmentLockedException) e).holder())
                            .hasValueSatisfying(h -> assertThat(h.pid()).isEqualTo(child.pid())));

            child.send("release");
            child.awaitLine("released", CHILD);
        }
    }

    @Test
    void waitsForTheOtherProcessToFinishWhenAskedTo() throws Exception {
        try (ChildJvm child = ChildJvm.start(LedgerChild.class, "hold", dir.toString(), STAGING, theirs.value())) {
            child.awaitLine("locked", CHILD);
            CountDownLatch waiting = new CountDownLatch(1);
            CompletableFuture<EnvironmentLock> lock = CompletableFuture.supplyAsync(
                    () -> Ledger.open(dir).lock(STAGING, mine, "alice", CHILD, refused -> waiting.countDown()));

            assertThat(waiting.await(CHILD.toSeconds(), TimeUnit.SECONDS)).isTrue();
            assertThat(lock).isNotDone();
            child.send("release");

            try (EnvironmentLock acquired = lock.get(CHILD.toSeconds(), TimeUnit.SECONDS)) {
                assertThat(acquired.holder().runId()).isEqualTo(mine);
                assertThat(acquired.staleHolder()).isEmpty();
            }
        }
    }

    @Test
    void givesUpWaitingAfterTheTimeoutAndSaysForHowLong() {
        try (ChildJvm child = ChildJvm.start(LedgerChild.class, "hold", dir.toString(), STAGING, theirs.value())) {
            child.awaitLine("locked", CHILD);

            assertThatThrownBy(() -> Ledger.open(dir).lock(STAGING, mine, "alice", Duration.ofMillis(300), e -> {}))
                    .isInstanceOf(EnvironmentLockedException.class)
                    .hasMessageContaining("is still being released after")
                    .hasMessageContaining("run " + theirs);
        }
    }

    @Test
    void takesOverTheLockOfAKilledHolderAndReportsItsStaleName() throws IOException {
        long childPid;
        try (ChildJvm child = ChildJvm.start(LedgerChild.class, "hold", dir.toString(), STAGING, theirs.value())) {
            child.awaitLine("locked", CHILD);
            childPid = child.pid();
            child.kill();
        }
        assertThat(Files.readString(dir.resolve(STAGING + ".lock"))).contains(theirs.value());

        try (EnvironmentLock lock = Ledger.open(dir).lock(STAGING, mine, "alice")) {
            assertThat(lock.staleHolder()).hasValueSatisfying(stale -> {
                assertThat(stale.pid()).isEqualTo(childPid);
                assertThat(stale.runId()).isEqualTo(theirs);
            });
            // Asked from another process: opening the lock file here would drop this process's POSIX lock.
            try (ChildJvm other = ChildJvm.start(LedgerChild.class, "try", dir.toString(), STAGING, "other")) {
                assertThat(other.awaitLine(l -> l.startsWith("refused") || l.equals("locked"), CHILD))
                        .startsWith("refused: environment staging-us-east-2 is being released by run " + mine)
                        .doesNotContain(theirs.value());
            }
        }
    }

    @Test
    void clearsItsNameOnReleaseSoTheNextHolderFindsNothingStale() throws IOException {
        Ledger ledger = Ledger.open(dir);
        ledger.lock(STAGING, theirs, "bob").close();

        assertThat(Files.size(dir.resolve(STAGING + ".lock"))).isZero();
        try (EnvironmentLock lock = ledger.lock(STAGING, mine, "alice")) {
            assertThat(lock.staleHolder()).isEmpty();
        }
    }

    @Test
    void refusesToWriteAfterRelease() {
        EnvironmentLock lock = Ledger.open(dir).lock(STAGING, mine, "alice");
        lock.close();

        assertThatThrownBy(() -> lock.append(LedgerFixtures.started(mine, LedgerFixtures.staging(), "alice", T0)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("released");
    }
}
