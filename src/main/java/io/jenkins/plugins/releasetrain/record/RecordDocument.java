package io.jenkins.plugins.releasetrain.record;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.releasetrain.approval.LedgerApprovals;
import io.jenkins.plugins.releasetrain.changelog.ChangelogMaps;
import io.jenkins.plugins.releasetrain.ledger.ApprovalRecorded;
import io.jenkins.plugins.releasetrain.ledger.ArtifactResult;
import io.jenkins.plugins.releasetrain.ledger.ArtifactStatus;
import io.jenkins.plugins.releasetrain.ledger.LedgerMaps;
import io.jenkins.plugins.releasetrain.ledger.ReleaseRun;
import io.jenkins.plugins.releasetrain.ledger.ReleaseStarted;
import io.jenkins.plugins.releasetrain.ledger.ReleaseStatus;
import io.jenkins.plugins.releasetrain.ledger.RunDamage;
import io.jenkins.plugins.releasetrain.plan.PlanMaps;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A release record as the plain maps and lists its JSON is written from, in a fixed order. */
final class RecordDocument {

    /** Bumped when a field changes meaning; added fields keep it. */
    static final int VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper();

    private RecordDocument() {}

    static Map<String, Object> of(ReleaseRecord record) {
        ReleaseRun run = record.run();
        ReleaseStarted started = run.started();
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("recordVersion", VERSION);
        map.put("environment", record.environment());
        map.put("runId", run.runId().value());
        map.put("releaseId", run.releaseId().value());
        map.put("status", run.status().map(ReleaseStatus::label).orElse("unfinished"));
        map.put("startedAt", started.time().toString());
        map.put("finishedAt", run.finished().map(f -> f.time().toString()).orElse(null));
        map.put("startedBy", started.actor());
        Map<String, String> origin = new TreeMap<>(started.details());
        origin.keySet().removeIf(key -> key.startsWith(ReleaseRecord.GROUNDS_PREFIX));
        Map<String, String> grounds = record.grounds();
        map.put("origin", origin);
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("source", started.sourceName());
        manifest.put("releaseId", run.releaseId().value());
        manifest.put("text", started.sourceText());
        map.put("manifest", manifest);
        map.put("rule", parsed(grounds.get(LedgerApprovals.GROUNDS_RULE_SNAPSHOT)));
        map.put("decision", parsed(grounds.get(LedgerApprovals.GROUNDS_DECISION)));
        map.put(
                "approvals",
                record.approvals().stream().map(RecordDocument::approval).toList());
        map.put("plan", PlanMaps.plan(record.plan()));
        map.put("changelog", record.changelog().map(ChangelogMaps::changelog).orElse(null));
        map.put(
                "artifacts",
                run.results().stream().map(RecordDocument::artifact).toList());
        map.put(
                "verification",
                record.verification().map(LedgerMaps::verification).orElse(null));
        map.put("rollback", run.rollback().map(LedgerMaps::rollback).orElse(null));
        map.put("hotfix", run.isHotfix());
        map.put("artifactsWithoutResult", run.artifactsWithoutResult());
        map.put("damage", RunDamage.describe(run).orElse(null));
        return map;
    }

    private static Map<String, Object> approval(ApprovalRecorded approval) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("time", approval.time().toString());
        map.put("actor", approval.actor());
        map.put("groups", approval.groups());
        map.put("decision", approval.decision().name().toLowerCase(java.util.Locale.ROOT));
        map.put("comment", approval.comment());
        map.put("details", new TreeMap<>(approval.details()));
        return map;
    }

    private static Map<String, Object> artifact(ArtifactResult result) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("artifactId", result.artifactId());
        map.put("kind", result.artifact().kind().idSegment());
        map.put("version", result.artifact().version());
        map.put("attributes", result.artifact().attributes());
        map.put("status", result.status().label());
        map.put("message", result.message());
        map.put("started", result.started().toString());
        map.put("ended", result.ended().toString());
        map.put("durationMillis", result.duration().toMillis());
        map.put("handler", result.details().get(ArtifactResult.HANDLER));
        map.put("build", result.details().get(ArtifactResult.BUILD));
        map.put("digestBefore", digestBefore(result).orElse(null));
        map.put("digestAfter", result.details().get(ArtifactResult.DIGEST));
        map.put("output", result.output());
        return map;
    }

    /** What the destination tag pointed at before: the moved-from digest, or the same one when unchanged. */
    static Optional<String> digestBefore(ArtifactResult result) {
        String previous = result.details().get(ArtifactResult.PREVIOUS_DIGEST);
        if (previous != null) {
            return Optional.of(previous);
        }
        return result.status() == ArtifactStatus.UNCHANGED
                ? Optional.ofNullable(result.details().get(ArtifactResult.DIGEST))
                : Optional.empty();
    }

    /** A JSON object kept in the ledger as text; an unreadable one is kept as the text it is. */
    private static Object parsed(String json) {
        if (json == null) {
            return null;
        }
        try {
            return JSON.readValue(json, new TypeReference<LinkedHashMap<String, Object>>() {});
        } catch (JsonProcessingException e) {
            return json;
        }
    }
}
