package io.jenkins.plugins.releasetrain.ledger;

import io.jenkins.plugins.releasetrain.manifest.Artifact;
import io.jenkins.plugins.releasetrain.manifest.LoadedManifest;
import io.jenkins.plugins.releasetrain.manifest.ManifestLoader;
import io.jenkins.plugins.releasetrain.manifest.Release;
import io.jenkins.plugins.releasetrain.testing.Fixtures;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Records about the example releases, as runs write them. */
final class LedgerFixtures {

    static final String STAGING = "staging-us-east-2";
    static final String PRODUCTION = "production-us-east-2";
    static final Instant T0 = Instant.parse("2026-08-01T09:00:00Z");

    private LedgerFixtures() {}

    static LoadedManifest staging() {
        return load("staging-us-east-2.yaml");
    }

    static LoadedManifest production() {
        return load("production-us-east-2.yaml");
    }

    static LoadedManifest load(String example) {
        return new ManifestLoader().load(Fixtures.example(example));
    }

    /** The example manifest with one text replaced: another release of the same environment. */
    static LoadedManifest edited(String example, String from, String to) {
        return new ManifestLoader().load(example, Fixtures.replaceOnce(Fixtures.exampleText(example), from, to));
    }

    static ReleaseStarted started(RunId run, LoadedManifest manifest, String actor, Instant time) {
        return ReleaseStarted.of(
                run, manifest, new PlanSummary(manifest.release().artifacts().size(), 0, 0, 0), actor, time);
    }

    static ArtifactResult result(RunId run, Release release, Artifact artifact, ArtifactStatus status, Instant time) {
        return new ArtifactResult(
                run,
                release.id(),
                "alice",
                time,
                RecordedArtifact.of(release, artifact),
                status,
                status == ArtifactStatus.FAILED ? "exit 1" : "exit 0",
                time.minusSeconds(5),
                time,
                "deploying " + artifact.id() + "\n");
    }

    static ReleaseFinished finished(RunId run, Release release, ReleaseStatus status, Instant time) {
        return new ReleaseFinished(run, release.id(), status, "alice", time);
    }

    static ApprovalRecorded approval(Release release, String actor, ApprovalDecision decision, Instant time) {
        return new ApprovalRecorded(
                release.id(),
                release.environment().name(),
                actor,
                List.of("release-managers"),
                decision,
                "looks good",
                time,
                Map.of("rule", "two-approvers"));
    }

    /** A whole run: start, one result per artifact with {@code status}, and the matching finish. */
    static List<LedgerRecord> run(RunId run, LoadedManifest manifest, ArtifactStatus status, Instant start) {
        Release release = manifest.release();
        List<LedgerRecord> records = new ArrayList<>();
        records.add(started(run, manifest, "alice", start));
        Instant time = start;
        List<ArtifactStatus> statuses = new ArrayList<>();
        for (Artifact artifact : release.artifacts()) {
            time = time.plusSeconds(1);
            records.add(result(run, release, artifact, status, time));
            statuses.add(status);
        }
        records.add(finished(run, release, ReleaseStatus.of(statuses), time.plusSeconds(1)));
        return records;
    }
}
