package io.jenkins.plugins.releasetrain.board;

import io.jenkins.plugins.releasetrain.ledger.ApprovalDecision;
import io.jenkins.plugins.releasetrain.ledger.ApprovalRecorded;
import io.jenkins.plugins.releasetrain.ledger.ArtifactStatus;
import io.jenkins.plugins.releasetrain.ledger.EnvironmentLock;
import io.jenkins.plugins.releasetrain.ledger.Ledger;
import io.jenkins.plugins.releasetrain.ledger.LedgerRecord;
import io.jenkins.plugins.releasetrain.ledger.PlanSummary;
import io.jenkins.plugins.releasetrain.ledger.RecordedArtifact;
import io.jenkins.plugins.releasetrain.ledger.ReleaseFinished;
import io.jenkins.plugins.releasetrain.ledger.ReleaseStarted;
import io.jenkins.plugins.releasetrain.ledger.ReleaseStatus;
import io.jenkins.plugins.releasetrain.ledger.RunId;
import io.jenkins.plugins.releasetrain.manifest.Artifact;
import io.jenkins.plugins.releasetrain.manifest.LoadedManifest;
import io.jenkins.plugins.releasetrain.manifest.ManifestLoader;
import io.jenkins.plugins.releasetrain.manifest.Release;
import io.jenkins.plugins.releasetrain.testing.Fixtures;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A real ledger of the example releases, written through the ledger's own API as runs write it:
 *
 * <ul>
 *   <li>production, run {@code p1}: the example production release, every artifact deployed;
 *   <li>staging, run {@code s0}: started, deployed one artifact, then its process died (no end);
 *   <li>staging, run {@code s1}: the example staging release, every artifact deployed;
 *   <li>staging, run {@code s2}: {@link #STAGING_NEXT}, a new portal commit (deployed), a new
 *       license-verification commit and microservice-1 tag (both failed);
 *   <li>staging, run {@code s3}: the same release resumed: microservice-1 deployed, license verification
 *       failed again, the portal found unchanged;
 *   <li>production, run {@code p2}: {@link #PRODUCTION_NEXT} (staging's versions) started and waiting,
 *       approved by bob.
 * </ul>
 *
 * <p>Every run but {@code s0} records the Jenkins job and build that ran it, as the plugin does: builds 1 and
 * 2 of {@link #PRODUCTION_JOB}, builds 1 to 3 of {@link #STAGING_JOB}; {@code s0} ran from the command line.
 */
public final class ExampleLedger {

    static final String STAGING = "staging-us-east-2";
    static final String PRODUCTION = "production-us-east-2";
    static final Instant T0 = Instant.parse("2026-08-01T09:00:00Z");

    static final String STAGING_JOB = "releases/staging";
    static final String PRODUCTION_JOB = "releases/production";
    private static final Map<String, String> JOB_OF_RUN = Map.of(
            "p1", PRODUCTION_JOB,
            "p2", PRODUCTION_JOB,
            "s1", STAGING_JOB,
            "s2", STAGING_JOB,
            "s3", STAGING_JOB);

    static final String PORTAL = "product1/deploy/portal";
    static final String LICENSE = "product1/deploy/lic-verf";
    static final String MICROSERVICE_1 = "product1/image/product1/microservice-1";

    static final LoadedManifest STAGING_FIRST = load("staging-us-east-2.yaml", Map.of());
    static final LoadedManifest STAGING_NEXT = load(
            "staging-us-east-2.yaml",
            Map.of(
                    "b4522e8ffe7162d01bfe7637ab7412fee919d2a5", "c0ffee8ffe7162d01bfe7637ab7412fee919d2a5",
                    "77e5368b50c42384093c754055e3856b4a2dfa6e", "88e5368b50c42384093c754055e3856b4a2dfa6e",
                    "sourceTag: dev_123", "sourceTag: dev_124",
                    "releaseCandidate: 2", "releaseCandidate: 3"));
    static final LoadedManifest PRODUCTION_FIRST = load("production-us-east-2.yaml", Map.of());
    static final LoadedManifest PRODUCTION_NEXT = load(
            "production-us-east-2.yaml",
            Map.of(
                    "3e1bfbd23a381c770cac57e56fb08d66c00b77ee", "4f545ec8f09c81ac645926f755ba13f46434f636",
                    "2617569ff9c1478317fbdf6b0e94091233deecbb", "d3398bdb6dffb94a0a9c8dc5eb54bf01e6abd952",
                    "sourceTag: dev_401", "sourceTag: dev_456",
                    "b4522e8ffe7162d01bfe7637ab7412fee919d2a5", "c0ffee8ffe7162d01bfe7637ab7412fee919d2a5",
                    "sourceTag: dev_123", "sourceTag: dev_124",
                    "releaseCandidate: 1", "releaseCandidate: 3"));

    private ExampleLedger() {}

    public static Ledger write(Path directory) {
        Ledger ledger = Ledger.open(directory);
        write(ledger, PRODUCTION, "p1", "carol", run(PRODUCTION_FIRST, "p1", "carol", T0, Map.of()));
        List<LedgerRecord> interrupted = new ArrayList<>();
        Instant s0 = T0.plus(Duration.ofMinutes(30));
        interrupted.add(started(STAGING_FIRST, "s0", "alice", s0));
        Release staging = STAGING_FIRST.release();
        interrupted.add(result(
                staging, staging.artifacts().get(0), "s0", "alice", ArtifactStatus.SUCCEEDED, s0.plusSeconds(10)));
        write(ledger, STAGING, "s0", "alice", interrupted);
        Instant s1 = T0.plus(Duration.ofHours(1));
        write(ledger, STAGING, "s1", "alice", run(STAGING_FIRST, "s1", "alice", s1, Map.of()));
        Instant s2 = T0.plus(Duration.ofDays(1));
        write(
                ledger,
                STAGING,
                "s2",
                "bob",
                run(
                        STAGING_NEXT,
                        "s2",
                        "bob",
                        s2,
                        Map.of(
                                PORTAL, ArtifactStatus.SUCCEEDED,
                                LICENSE, ArtifactStatus.FAILED,
                                MICROSERVICE_1, ArtifactStatus.FAILED)));
        Instant s3 = T0.plus(Duration.ofDays(2));
        write(
                ledger,
                STAGING,
                "s3",
                "bob",
                run(
                        STAGING_NEXT,
                        "s3",
                        "bob",
                        s3,
                        Map.of(
                                PORTAL, ArtifactStatus.UNCHANGED,
                                LICENSE, ArtifactStatus.FAILED,
                                MICROSERVICE_1, ArtifactStatus.SUCCEEDED)));
        Instant p2 = T0.plus(Duration.ofDays(3));
        Release production = PRODUCTION_NEXT.release();
        write(
                ledger,
                PRODUCTION,
                "p2",
                "carol",
                List.of(
                        started(PRODUCTION_NEXT, "p2", "carol", p2),
                        new ApprovalRecorded(
                                production.id(),
                                PRODUCTION,
                                "bob",
                                List.of("release-managers"),
                                ApprovalDecision.APPROVED,
                                "checked the staging run",
                                p2.plusSeconds(600),
                                Map.of())));
        return ledger;
    }

    /**
     * A finished run: one result per artifact, in manifest order, one second apart; {@code only} limits it
     * to the artifacts named there (with their statuses), an empty map means every artifact succeeded.
     */
    private static List<LedgerRecord> run(
            LoadedManifest manifest, String runId, String actor, Instant start, Map<String, ArtifactStatus> only) {
        Release release = manifest.release();
        List<LedgerRecord> records = new ArrayList<>();
        records.add(started(manifest, runId, actor, start));
        Instant time = start;
        List<ArtifactStatus> statuses = new ArrayList<>();
        for (Artifact artifact : release.artifacts()) {
            ArtifactStatus status = only.isEmpty() ? ArtifactStatus.SUCCEEDED : only.get(artifact.id());
            if (status == null) {
                continue;
            }
            time = time.plusSeconds(1);
            records.add(result(release, artifact, runId, actor, status, time));
            statuses.add(status);
        }
        records.add(new ReleaseFinished(
                new RunId(runId), release.id(), ReleaseStatus.of(statuses), actor, time.plusSeconds(1)));
        return records;
    }

    /** The page of the build that ran {@code runId} as Jenkins records it, or null for the command line's run. */
    static String page(String runId) {
        String job = JOB_OF_RUN.get(runId);
        return job == null
                ? null
                : "https://ci.example.com/job/" + job.replace("/", "/job/") + "/" + build(runId) + "/";
    }

    private static String build(String runId) {
        return runId.substring(1);
    }

    private static ReleaseStarted started(LoadedManifest manifest, String runId, String actor, Instant time) {
        int artifacts = manifest.release().artifacts().size();
        String job = JOB_OF_RUN.get(runId);
        Map<String, String> details = job == null
                ? Map.of()
                : Map.of(RunOrigin.JOB, job, RunOrigin.BUILD, build(runId), RunOrigin.URL, page(runId));
        return ReleaseStarted.of(new RunId(runId), manifest, new PlanSummary(0, artifacts, 0, 0), actor, time, details);
    }

    private static io.jenkins.plugins.releasetrain.ledger.ArtifactResult result(
            Release release, Artifact artifact, String runId, String actor, ArtifactStatus status, Instant time) {
        return new io.jenkins.plugins.releasetrain.ledger.ArtifactResult(
                new RunId(runId),
                release.id(),
                actor,
                time,
                RecordedArtifact.of(release, artifact),
                status,
                status == ArtifactStatus.FAILED ? "exit 1" : "exit 0",
                time.minusSeconds(1),
                time,
                status == ArtifactStatus.FAILED ? "verifying licence server\nlicence server unreachable\n" : "");
    }

    private static void write(
            Ledger ledger, String environment, String runId, String actor, List<LedgerRecord> records) {
        try (EnvironmentLock lock = ledger.lock(environment, new RunId(runId), actor)) {
            lock.appendAll(records);
        }
    }

    private static LoadedManifest load(String example, Map<String, String> replacements) {
        String text = Fixtures.exampleText(example);
        for (Map.Entry<String, String> replacement : replacements.entrySet()) {
            text = Fixtures.replaceOnce(text, replacement.getKey(), replacement.getValue());
        }
        return new ManifestLoader().load(example, text);
    }
}
