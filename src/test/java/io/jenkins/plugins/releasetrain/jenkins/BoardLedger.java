package io.jenkins.plugins.releasetrain.jenkins;

import io.jenkins.plugins.releasetrain.board.RunOrigin;
import io.jenkins.plugins.releasetrain.ledger.ApprovalDecision;
import io.jenkins.plugins.releasetrain.ledger.ApprovalRecorded;
import io.jenkins.plugins.releasetrain.ledger.ArtifactResult;
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
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A ledger written through the engine's own API, as the promotion steps write it, for the board's tests:
 *
 * <ul>
 *   <li>staging, run {@code s4}: build 4 of {@link #STAGING_JOB} deployed every artifact of the example;
 *   <li>staging, run {@code c1}: started from the command line (no job) and cancelled before any result;
 *   <li>production, run {@code p6}: build 6 of {@link #PRODUCTION_JOB} deployed every artifact;
 *   <li>production, run {@code p7}: build 7 of {@link #PRODUCTION_JOB} started the same release again and waits
 *       for approval, approved by dave.
 * </ul>
 */
final class BoardLedger {

    static final String STAGING = "staging-us-east-2";
    static final String PRODUCTION = "production-us-east-2";
    static final String STAGING_JOB = "release-staging";
    static final String PRODUCTION_JOB = "release-production";
    static final Instant T0 = Instant.parse("2026-08-01T09:00:00Z");

    private BoardLedger() {}

    static void write(Path directory) {
        Ledger ledger = Ledger.open(directory);
        LoadedManifest staging = load(ExampleManifests.STAGING, ExampleManifests.staging());
        LoadedManifest production = load(ExampleManifests.PRODUCTION, ExampleManifests.production());
        append(ledger, STAGING, "s4", deployment(staging, "s4", STAGING_JOB, 4, T0));
        ReleaseStarted fromTheCommandLine = started(staging, "c1", null, 0, T0.plusSeconds(3_600));
        append(
                ledger,
                STAGING,
                "c1",
                List.of(
                        fromTheCommandLine,
                        new ReleaseFinished(
                                fromTheCommandLine.runId(),
                                fromTheCommandLine.releaseId(),
                                ReleaseStatus.CANCELLED,
                                "carol",
                                T0.plusSeconds(3_660))));
        append(ledger, PRODUCTION, "p6", deployment(production, "p6", PRODUCTION_JOB, 6, T0.plusSeconds(7_200)));
        Instant waiting = T0.plusSeconds(10_800);
        append(
                ledger,
                PRODUCTION,
                "p7",
                List.of(
                        started(production, "p7", PRODUCTION_JOB, 7, waiting),
                        new ApprovalRecorded(
                                production.release().id(),
                                PRODUCTION,
                                "dave",
                                List.of("release-managers"),
                                ApprovalDecision.APPROVED,
                                "looks good",
                                waiting.plusSeconds(60),
                                Map.of())));
    }

    /** A run that deploys every artifact, one second apart, and succeeds. */
    private static List<LedgerRecord> deployment(
            LoadedManifest manifest, String runId, String job, int build, Instant start) {
        Release release = manifest.release();
        List<LedgerRecord> records = new ArrayList<>();
        records.add(started(manifest, runId, job, build, start));
        Instant time = start;
        for (Artifact artifact : release.artifacts()) {
            time = time.plusSeconds(1);
            records.add(new ArtifactResult(
                    new RunId(runId),
                    release.id(),
                    "carol",
                    time,
                    RecordedArtifact.of(release, artifact),
                    ArtifactStatus.SUCCEEDED,
                    "exit 0",
                    time.minusSeconds(1),
                    time,
                    ""));
        }
        records.add(new ReleaseFinished(
                new RunId(runId), release.id(), ReleaseStatus.SUCCEEDED, "carol", time.plusSeconds(1)));
        return records;
    }

    /** A start recorded by build {@code build} of {@code job}, or from the command line when {@code job} is null. */
    private static ReleaseStarted started(LoadedManifest manifest, String runId, String job, int build, Instant time) {
        Map<String, String> details = job == null
                ? Map.of()
                : Map.of(
                        RunOrigin.JOB,
                        job,
                        RunOrigin.BUILD,
                        Integer.toString(build),
                        RunOrigin.URL,
                        "https://jenkins.example.com/job/" + job + "/" + build + "/");
        int artifacts = manifest.release().artifacts().size();
        return ReleaseStarted.of(
                new RunId(runId), manifest, new PlanSummary(artifacts, 0, 0, 0), "carol", time, details);
    }

    private static void append(Ledger ledger, String environment, String runId, List<LedgerRecord> records) {
        try (EnvironmentLock lock = ledger.lock(environment, new RunId(runId), "carol")) {
            lock.appendAll(records);
        }
    }

    private static LoadedManifest load(String path, String text) {
        return new ManifestLoader().load(path, text);
    }
}
