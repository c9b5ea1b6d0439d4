package io.jenkins.plugins.releasetrain.ledger;

import io.jenkins.plugins.releasetrain.manifest.Artifact;
import io.jenkins.plugins.releasetrain.manifest.Release;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * The other process of the lock and crash tests ({@link io.jenkins.plugins.releasetrain.testing.ChildJvm}):
 *
 * <ul>
 *   <li>{@code hold DIR ENV RUN}: takes the lock, prints {@code locked}, releases it when told {@code release}
 *       on stdin, prints {@code released};
 *   <li>{@code write DIR ENV RUN}: takes the lock and appends records until killed, printing {@code appended N}
 *       after each one;
 *   <li>{@code try DIR ENV RUN}: tries the lock once and prints {@code locked} or {@code refused: <message>}.
 * </ul>
 */
public final class LedgerChild {

    /** Big enough that a write takes a while, so a kill may land in the middle of one. */
    static final int OUTPUT_BYTES = 256 * 1024;

    private LedgerChild() {}

    public static void main(String[] args) throws Exception {
        Ledger ledger = Ledger.open(Path.of(args[1]));
        String environment = args[2];
        RunId run = new RunId(args[3]);
        switch (args[0]) {
            case "hold" -> hold(ledger, environment, run);
            case "write" -> write(ledger, environment, run);
            case "try" -> attempt(ledger, environment, run);
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    private static void hold(Ledger ledger, String environment, RunId run) throws Exception {
        try (EnvironmentLock lock = ledger.lock(environment, run, "child")) {
            System.out.println("locked");
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line = in.readLine(); line != null && !line.equals("release"); line = in.readLine()) {
                // wait for the word
            }
        }
        System.out.println("released");
    }

    private static void attempt(Ledger ledger, String environment, RunId run) {
        try (EnvironmentLock lock = ledger.lock(environment, run, "child")) {
            System.out.println("locked");
        } catch (EnvironmentLockedException e) {
            System.out.println("refused: " + e.getMessage());
        }
    }

    private static void write(Ledger ledger, String environment, RunId run) {
        try (EnvironmentLock lock = ledger.lock(environment, run, "child")) {
            for (long n = 1; n <= 1_000_000; n++) {
                lock.append(record(n, run));
                System.out.println("appended " + n);
            }
        }
    }

    /** The n-th record the writer appends; the test rebuilds it to check each one read back whole. */
    static ArtifactResult record(long n, RunId run) {
        Release release = LedgerFixtures.staging().release();
        List<Artifact> artifacts = release.artifacts();
        Artifact artifact = artifacts.get((int) (n % artifacts.size()));
        Instant time = LedgerFixtures.T0.plusSeconds(n);
        String line = "output of record " + n + " ";
        return new ArtifactResult(
                run,
                release.id(),
                "child",
                time,
                RecordedArtifact.of(release, artifact),
                ArtifactStatus.SUCCEEDED,
                "record " + n,
                time,
                time,
                line.repeat(OUTPUT_BYTES / line.length()));
    }
}
