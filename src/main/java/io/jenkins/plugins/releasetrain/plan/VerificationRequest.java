package io.jenkins.plugins.releasetrain.plan;

import io.jenkins.plugins.releasetrain.ledger.ArtifactResult;
import io.jenkins.plugins.releasetrain.ledger.ArtifactStatus;
import io.jenkins.plugins.releasetrain.ledger.ReleaseFinished;
import io.jenkins.plugins.releasetrain.ledger.ReleaseStatus;
import io.jenkins.plugins.releasetrain.manifest.Release;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the verification of a finished run is told: the environment, the release, the run, and the artifacts the
 * run deployed. A verification follows only a run that succeeded and deployed something, as in {@code
 * release-train run}: there is nothing to check after a run that failed, or that found everything already live.
 *
 * @param context the release context of a verification ({@link ReleaseContext#ofVerification}): the names a
 *     command-line {@code verify} handler gets as environment variables, and a verification job as parameters
 */
public record VerificationRequest(
        String environment,
        String releaseId,
        String runId,
        List<String> changedArtifacts,
        Map<String, String> context) {

    public VerificationRequest {
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(releaseId, "releaseId");
        Objects.requireNonNull(runId, "runId");
        changedArtifacts = List.copyOf(changedArtifacts);
        context = Collections.unmodifiableMap(new LinkedHashMap<>(context));
    }

    /**
     * The verification that {@code finished} asks for, given every result recorded for its run (those it ran and
     * those it left out); empty when none follows.
     */
    public static Optional<VerificationRequest> after(
            Release release, ReleaseFinished finished, List<ArtifactResult> results) {
        if (finished.status() != ReleaseStatus.SUCCEEDED
                || !finished.releaseId().equals(release.id())) {
            return Optional.empty();
        }
        List<String> deployed = results.stream()
                .filter(r -> r.runId().equals(finished.runId()) && r.status() == ArtifactStatus.SUCCEEDED)
                .map(ArtifactResult::artifactId)
                .toList();
        if (deployed.isEmpty()) {
            return Optional.empty();
        }
        String runId = finished.runId().value();
        return Optional.of(new VerificationRequest(
                release.environment().name(),
                release.id().value(),
                runId,
                deployed,
                ReleaseContext.ofVerification(release, runId, deployed)));
    }

    /**
     * As plain maps and lists, the shape the {@code promoteRelease} script reads: {@code environment}, {@code
     * releaseId}, {@code runId}, {@code changedArtifacts} (a list) and {@code parameters} (the context as {@code
     * name}/{@code value} pairs, in the documented order, for a job).
     */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("environment", environment);
        map.put("releaseId", releaseId);
        map.put("runId", runId);
        map.put("changedArtifacts", new ArrayList<>(changedArtifacts));
        List<Map<String, Object>> parameters = new ArrayList<>();
        context.forEach((name, value) -> {
            Map<String, Object> parameter = new LinkedHashMap<>();
            parameter.put("name", name);
            parameter.put("value", value);
            parameters.add(parameter);
        });
        map.put("parameters", parameters);
        return map;
    }
}
