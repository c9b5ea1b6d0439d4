package io.jenkins.plugins.releasetrain.ledger;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.releasetrain.manifest.Artifact;
import io.jenkins.plugins.releasetrain.manifest.LoadedManifest;
import io.jenkins.plugins.releasetrain.manifest.ManifestLoader;
import io.jenkins.plugins.releasetrain.manifest.Release;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Reading an environment's ledger of 100,000 records: runs of the example release (start, nine results
 * with the demo handlers' output, end) and approvals, as {@code release-train run} writes them.
 *
 * <ul>
 *   <li>{@code coldRead}: a fresh {@link Ledger} parses and verifies the whole file (what a new CLI process
 *       or a restarted Jenkins pays once);
 *   <li>{@code coldReadAndState}, {@code coldReadAndHistoryPage}: the same plus the board's two questions;
 *   <li>{@code warmReread}: the same {@code Ledger} reading again with nothing appended (what the board pays
 *       on every later request);
 *   <li>{@code baselineJacksonTree}: only reading the file and parsing each line with Jackson's tree model,
 *       no checksum, no records: the floor, so that {@code coldRead / baselineJacksonTree} is the ledger's
 *       own overhead whatever the machine's load.
 * </ul>
 *
 * Run: {@code mvn -f engine/pom.xml -Pbench package && java -jar engine/target/benchmarks.jar LedgerRead}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
@State(Scope.Benchmark)
public class LedgerReadBenchmark {

    static final int RECORDS = 100_000;
    static final String ENVIRONMENT = "staging-us-east-2";

    private static final ObjectMapper JSON = new ObjectMapper();

    private Path dir;
    private Ledger warm;

    @Setup(Level.Trial)
    public void writeHistory() throws IOException {
        dir = Files.createTempDirectory("ledger-bench");
        LoadedManifest manifest = new ManifestLoader().load(example());
        Release release = manifest.release();
        List<LedgerRecord> records = new ArrayList<>(RECORDS);
        Instant time = Instant.parse("2026-01-01T00:00:00Z");
        for (int run = 0; records.size() + release.artifacts().size() + 2 <= RECORDS; run++) {
            RunId id = new RunId("run-" + run);
            records.add(ReleaseStarted.of(id, manifest, new PlanSummary(2, 1, 6, 0), "alice", time));
            for (Artifact artifact : release.artifacts()) {
                time = time.plusSeconds(1);
                ArtifactStatus status = run % 10 == 0 && artifact.id().endsWith("portal")
                        ? ArtifactStatus.FAILED
                        : ArtifactStatus.SUCCEEDED;
                records.add(new ArtifactResult(
                        id,
                        release.id(),
                        "alice",
                        time,
                        RecordedArtifact.of(release, artifact),
                        status,
                        status == ArtifactStatus.FAILED ? "exit 1" : "exit 0",
                        time.minusSeconds(1),
                        time,
                        output(artifact)));
            }
            time = time.plusSeconds(1);
            records.add(new ReleaseFinished(
                    id, release.id(), run % 10 == 0 ? ReleaseStatus.FAILED : ReleaseStatus.SUCCEEDED, "alice", time));
        }
        while (records.size() < RECORDS) {
            records.add(new ApprovalRecorded(
                    release.id(),
                    ENVIRONMENT,
                    "bob",
                    List.of("release-managers"),
                    ApprovalDecision.APPROVED,
                    "ok",
                    time,
                    Map.of()));
        }
        try (EnvironmentLock lock = Ledger.open(dir).lock(ENVIRONMENT, new RunId("generator"), "bench")) {
            for (int from = 0; from < RECORDS; from += 10_000) {
                lock.appendAll(records.subList(from, Math.min(RECORDS, from + 10_000)));
            }
        }
        System.out.printf(
                "%n%,d records, %,d bytes in %s%n", RECORDS, Files.size(dir.resolve(ENVIRONMENT + ".jsonl")), dir);
        warm = Ledger.open(dir);
        warm.read(ENVIRONMENT);
    }

    @TearDown(Level.Trial)
    public void deleteHistory() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    @Benchmark
    public int coldRead() {
        return Ledger.open(dir).read(ENVIRONMENT).entries().size();
    }

    @Benchmark
    public int coldReadAndState() {
        return Ledger.open(dir).read(ENVIRONMENT).state().artifacts().size();
    }

    @Benchmark
    public int coldReadAndHistoryPage() {
        return Ledger.open(dir).read(ENVIRONMENT).history(0, 50).runs().size();
    }

    @Benchmark
    public int baselineJacksonTree() throws IOException {
        byte[] bytes = Files.readAllBytes(dir.resolve(ENVIRONMENT + ".jsonl"));
        int lines = 0;
        int start = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                lines += JSON.readTree(bytes, start, i - start).size() > 0 ? 1 : 0;
                start = i + 1;
            }
        }
        return lines;
    }

    @Benchmark
    public int warmReread() {
        return warm.read(ENVIRONMENT).entries().size();
    }

    /** What the demo handlers print, about 350 bytes per artifact. */
    private static String output(Artifact artifact) {
        return "lambda-job: would build " + artifact.id() + " at " + artifact.version() + "\n"
                + "  and publish it as the Lambda function of product1 1.9.0-rc2\n"
                + "  in staging-us-east-2 (stage-us), target lambda\n"
                + "  release ac7d19705b620773a5fa1e0f9a1aeb6af9720f36e9d8efb7087b17522b7049cc, artifact "
                + artifact.id() + "\n";
    }

    private static Path example() {
        Path here = Path.of("").toAbsolutePath();
        for (Path dir = here; dir != null; dir = dir.getParent()) {
            Path example = dir.resolve("examples/releases/staging-us-east-2.yaml");
            if (Files.isRegularFile(example)) {
                return example;
            }
        }
        throw new IllegalStateException("run the benchmark from the project: no examples/releases above " + here);
    }
}
