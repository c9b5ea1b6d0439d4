package io.jenkins.plugins.releasetrain.ledger;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ledger answers as plain maps and lists of strings and numbers: the shape of the CLI's JSON output and
 * of what Pipeline steps return (CPS-serializable, no script approval needed).
 */
public final class LedgerMaps {

    private LedgerMaps() {}

    /** An artifact result; {@code withOutput} adds the captured output tail, which can be long. */
    public static Map<String, Object> result(ArtifactResult result, boolean withOutput) {
        RecordedArtifact artifact = result.artifact();
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("artifactId", artifact.id());
        map.put("product", artifact.product());
        map.put("productVersion", artifact.productVersion());
        map.put("kind", artifact.kind().idSegment());
        map.put("version", artifact.version());
        map.put("displayVersion", artifact.displayVersion());
        map.put("attributes", artifact.attributes());
        map.put("status", result.status().label());
        map.put("message", result.message());
        map.put("releaseId", result.releaseId().value());
        map.put("runId", result.runId().value());
        map.put("actor", result.actor());
        map.put("started", result.started().toString());
        map.put("ended", result.ended().toString());
        map.put("durationMillis", result.duration().toMillis());
        if (withOutput) {
            map.put("output", result.output());
        }
        return map;
    }

    /** A run's verification: passed or not, why, when, how many attempts, and the last attempt's output. */
    public static Map<String, Object> verification(ReleaseVerified verified) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("passed", verified.passed());
        map.put("status", verified.label());
        map.put("message", verified.message());
        map.put("started", verified.started().toString());
        map.put("ended", verified.ended().toString());
        map.put("durationMillis", verified.duration().toMillis());
        map.put("attempts", verified.attempts());
        map.put("output", verified.output());
        return map;
    }

    /** A run with its results (without their output). */
    public static Map<String, Object> run(ReleaseRun run) {
        Map<String, Object> map = new LinkedHashMap<>();
        ReleaseStarted started = run.started();
        map.put("runId", run.runId().value());
        map.put("releaseId", run.releaseId().value());
        map.put("environment", started.environment());
        map.put("actor", run.actor());
        map.put("started", started.time().toString());
        map.put("finished", run.finished().map(f -> f.time().toString()).orElse(null));
        map.put("status", run.status().map(ReleaseStatus::label).orElse(null));
        map.put("source", started.sourceName());
        Map<String, Object> plan = new LinkedHashMap<>();
        plan.put("added", started.plan().added());
        plan.put("changed", started.plan().changed());
        plan.put("unchanged", started.plan().unchanged());
        plan.put("removed", started.plan().removed());
        map.put("plan", plan);
        map.put("results", run.results().stream().map(r -> result(r, false)).toList());
        map.put("artifactsWithoutResult", run.artifactsWithoutResult());
        map.put("damage", RunDamage.describe(run).orElse(null));
        map.put("rollback", run.rollback().map(LedgerMaps::rollback).orElse(null));
        map.put("hotfix", run.isHotfix());
        return map;
    }

    /** What a rollback run went back to, what it rolled back, and why. */
    public static Map<String, Object> rollback(RollbackOf rollback) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("to", rollback.to().value());
        map.put("from", rollback.from().map(RunId::value).orElse(null));
        map.put("fromRelease", rollback.fromRelease().orElse(null));
        map.put("reason", rollback.reason());
        return map;
    }

    public static Map<String, Object> state(EnvironmentState state) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("environment", state.environment());
        map.put("asOf", state.asOf().map(Object::toString).orElse(null));
        map.put("productVersions", state.productVersions());
        map.put("artifacts", state.artifacts().stream().map(LedgerMaps::live).toList());
        return map;
    }

    /** A release approved or rejected here that has not run: who approved it, and the rejection if any. */
    public static Map<String, Object> asked(DecisionAsked asked) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("releaseId", asked.releaseId().value());
        map.put("status", asked.rejection().isPresent() ? "rejected" : "awaiting-approval");
        map.put("approvedBy", asked.approvedBy());
        map.put(
                "request",
                asked.request()
                        .map(r -> Map.of("actor", r.actor(), "time", r.time().toString(), "reason", r.reason()))
                        .orElse(null));
        map.put(
                "rejection",
                asked.rejection()
                        .map(r -> Map.of("actor", r.actor(), "time", r.time().toString(), "comment", r.comment()))
                        .orElse(null));
        return map;
    }

    /** The state, with which release is live as a whole and which only partly. */
    public static Map<String, Object> state(EnvironmentState state, ReleaseStanding standing) {
        Map<String, Object> map = state(state);
        map.put("liveRelease", standing.live().map(LedgerMaps::coverage).orElse(null));
        map.put("partiallyLive", standing.partial().map(LedgerMaps::coverage).orElse(null));
        return map;
    }

    private static Map<String, Object> coverage(ReleaseStanding.Coverage coverage) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("releaseId", coverage.run().releaseId().value());
        map.put("runId", coverage.run().runId().value());
        map.put("actor", coverage.run().actor());
        map.put("status", coverage.run().status().map(ReleaseStatus::label).orElse(null));
        map.put("liveArtifacts", coverage.liveArtifacts());
        map.put("artifacts", coverage.artifacts());
        return map;
    }

    /** A live artifact: its latest live result, plus when, by whom and in which run it was deployed. */
    public static Map<String, Object> live(LiveArtifact live) {
        Map<String, Object> map = result(live.latest(), false);
        map.put("deployedAt", live.deployedAt().toString());
        map.put("deployedBy", live.deployedBy());
        map.put("deployedIn", live.deployedIn().value());
        map.put("deploymentRecorded", live.deploymentRecorded());
        return map;
    }

    public static Map<String, Object> history(HistoryPage page) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("offset", page.offset());
        map.put("limit", page.limit());
        map.put("total", page.total());
        map.put("runs", page.runs().stream().map(LedgerMaps::run).toList());
        return map;
    }

    public static List<Map<String, Object>> warnings(List<LedgerWarning> warnings) {
        return warnings.stream()
                .map(w -> {
                    Map<String, Object> map = new LinkedHashMap<>();
                    map.put("file", w.file().toString());
                    map.put("line", w.line());
                    map.put("message", w.message());
                    return map;
                })
                .toList();
    }
}
