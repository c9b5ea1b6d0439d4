package io.jenkins.plugins.releasetrain.plan;

import io.jenkins.plugins.releasetrain.image.PromotionStatus;
import io.jenkins.plugins.releasetrain.ledger.ArtifactResult;
import io.jenkins.plugins.releasetrain.ledger.ArtifactStatus;
import io.jenkins.plugins.releasetrain.ledger.PlanSummary;
import io.jenkins.plugins.releasetrain.ledger.RecordedArtifact;
import io.jenkins.plugins.releasetrain.ledger.ReleaseFinished;
import io.jenkins.plugins.releasetrain.ledger.ReleaseStarted;
import io.jenkins.plugins.releasetrain.ledger.ReleaseStatus;
import io.jenkins.plugins.releasetrain.ledger.ReleaseVerified;
import io.jenkins.plugins.releasetrain.ledger.RunId;
import io.jenkins.plugins.releasetrain.manifest.Artifact;
import io.jenkins.plugins.releasetrain.manifest.LoadedManifest;
import io.jenkins.plugins.releasetrain.manifest.Release;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The ledger records of a promotion that a CI server drives step by step (the Jenkins {@code promoteRelease}
 * variable runs one parallel branch per deployment and per product's images): its start, the results of each
 * branch as it ends, the artifacts the plan left out, and its end, recorded as {@code release-train run}
 * records its own.
 *
 * <p>A branch ends with a build result: {@code SUCCESS} (the artifacts succeeded), {@code NOT_BUILT} (never
 * started, for instance after another branch failed fast: skipped), {@code ABORTED} (stopped while it ran:
 * cancelled) or anything else ({@code FAILURE}, {@code UNSTABLE}: failed). Images carry their own outcome when
 * the image engine ran.
 */
public final class PromotionRecords {

    public static final String SUCCESS = "SUCCESS";
    public static final String NOT_BUILT = "NOT_BUILT";
    public static final String ABORTED = "ABORTED";

    /**
     * What the image engine did to one image: {@code tagged}, {@code unchanged}, {@code failed}... and why.
     *
     * @param digest         what the destination tag points at after it, when it succeeded; null otherwise
     * @param previousDigest what the destination tag pointed at before it moved it; null when it did not
     */
    public record ImageOutcome(PromotionStatus status, String message, String digest, String previousDigest) {

        public ImageOutcome(PromotionStatus status, String message) {
            this(status, message, null, null);
        }

        public ImageOutcome {
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(message, "message");
        }

        Map<String, String> details() {
            Map<String, String> details = new TreeMap<>();
            if (digest != null && (status == PromotionStatus.TAGGED || status == PromotionStatus.UNCHANGED)) {
                details.put(ArtifactResult.DIGEST, digest);
            }
            if (previousDigest != null) {
                details.put(ArtifactResult.PREVIOUS_DIGEST, previousDigest);
            }
            return details;
        }
    }

    /** The longest verification message kept: one line people read in history; the rest belongs in the output. */
    static final int MESSAGE_LIMIT = 200;

    private final RunId runId;
    private final Release release;
    private final String actor;

    public PromotionRecords(RunId runId, Release release, String actor) {
        this.runId = Objects.requireNonNull(runId, "runId");
        this.release = Objects.requireNonNull(release, "release");
        this.actor = Objects.requireNonNull(actor, "actor");
    }

    public ReleaseStarted started(LoadedManifest manifest, ReleasePlan plan, Instant time) {
        return started(manifest, plan, time, Map.of());
    }

    /**
     * The start of the run, with {@code details} saying where it comes from (for Jenkins, {@code jenkins.job},
     * {@code jenkins.build} and {@code jenkins.url}: docs/ledger.md).
     */
    public ReleaseStarted started(
            LoadedManifest manifest, ReleasePlan plan, Instant time, Map<String, String> details) {
        if (!manifest.release().id().equals(release.id())) {
            throw new IllegalArgumentException("the manifest is not the release being recorded");
        }
        PlanSummary summary = new PlanSummary(
                (int) plan.count(ChangeKind.ADDED),
                (int) plan.count(ChangeKind.CHANGED),
                (int) plan.count(ChangeKind.UNCHANGED),
                (int) plan.count(ChangeKind.REMOVED));
        return ReleaseStarted.of(runId, manifest, summary, actor, time, details);
    }

    /**
     * The artifacts the promotion left out, by id with the plan's reason ({@code unchanged}: already live with
     * this content; {@code succeeded}: done by an earlier run of this release, when resuming).
     */
    public List<ArtifactResult> leftOut(Map<String, String> reasons, Instant time) {
        List<ArtifactResult> results = new ArrayList<>();
        reasons.forEach((artifactId, reason) -> {
            boolean unchanged = "unchanged".equals(reason);
            results.add(result(
                    artifactId,
                    unchanged ? ArtifactStatus.UNCHANGED : ArtifactStatus.SKIPPED,
                    unchanged
                            ? "already live with this content; not run"
                            : "succeeded in an earlier run of this release, but what is live changed since; promote"
                                    + " without resume to deploy it again",
                    time,
                    time));
        });
        return List.copyOf(results);
    }

    /**
     * The results of one branch.
     *
     * @param buildResult how the branch ended: {@code SUCCESS}, {@code NOT_BUILT}, {@code FAILURE}...
     * @param message what the branch reported (the job and build that ran, or why it failed)
     * @param images the image engine's outcome per image artifact id, for images it reached
     */
    public List<ArtifactResult> branch(
            List<String> artifactIds,
            String buildResult,
            String message,
            Map<String, ImageOutcome> images,
            Instant started,
            Instant ended) {
        return branch(artifactIds, buildResult, message, images, started, ended, Map.of());
    }

    /**
     * As {@link #branch(List, String, String, Map, Instant, Instant)}, with facts for the release record about
     * how the branch deployed: {@link ArtifactResult#BUILD} (the downstream build) or {@link
     * ArtifactResult#HANDLER}; an image's digests come from its outcome.
     */
    public List<ArtifactResult> branch(
            List<String> artifactIds,
            String buildResult,
            String message,
            Map<String, ImageOutcome> images,
            Instant started,
            Instant ended,
            Map<String, String> deployedBy) {
        List<ArtifactResult> results = new ArrayList<>();
        for (String artifactId : artifactIds) {
            ImageOutcome image = images.get(artifactId);
            if (image != null) {
                results.add(
                        result(artifactId, status(image.status()), image.message(), started, ended, image.details()));
            } else {
                results.add(result(
                        artifactId, status(buildResult), describe(buildResult, message), started, ended, deployedBy));
            }
        }
        return List.copyOf(results);
    }

    /** The end of the run: cancelled, or the status its results add up to. */
    public ReleaseFinished finished(Collection<ArtifactStatus> results, boolean cancelled, Instant time) {
        return finished(results, cancelled, time, Map.of());
    }

    /**
     * As {@link #finished(Collection, boolean, Instant)}, with what let the run through ({@code grounds}, the
     * approval decision made after the start was recorded), for the release record.
     */
    public ReleaseFinished finished(
            Collection<ArtifactStatus> results, boolean cancelled, Instant time, Map<String, String> grounds) {
        ReleaseStatus status = cancelled ? ReleaseStatus.CANCELLED : ReleaseStatus.of(results);
        return new ReleaseFinished(runId, release.id(), status, actor, time, grounds);
    }

    /**
     * How the run's verification ended, recorded as {@code release-train run} records its own: {@code message}
     * in one line, with the attempt that decided when there were several ({@code exit 1 (attempt 2 of 3)}), and
     * only the tail of {@code output}, whatever a Pipeline passes.
     *
     * @param attempts how many times the verification ran, 1 to {@code allowedAttempts}
     * @param allowedAttempts how many times it could run, at most {@link RunOptions#MAX_VERIFY_ATTEMPTS}
     * @throws IllegalArgumentException for attempts out of those bounds
     */
    public ReleaseVerified verified(
            boolean passed,
            String message,
            int attempts,
            int allowedAttempts,
            Instant started,
            Instant ended,
            String output) {
        if (allowedAttempts < 1 || allowedAttempts > RunOptions.MAX_VERIFY_ATTEMPTS) {
            throw new IllegalArgumentException(
                    "a verification may run 1 to " + RunOptions.MAX_VERIFY_ATTEMPTS + " times, not " + allowedAttempts);
        }
        if (attempts < 1 || attempts > allowedAttempts) {
            throw new IllegalArgumentException(
                    "a verification allowed " + allowedAttempts + " attempts cannot have run " + attempts + " times");
        }
        String line = oneLine(message, passed ? "passed" : "failed");
        String said = line + (attempts > 1 ? " (attempt " + attempts + " of " + allowedAttempts + ")" : "");
        OutputTail tail = new OutputTail(RunOptions.DEFAULT_OUTPUT_LIMIT);
        byte[] bytes = (output == null ? "" : output).getBytes(StandardCharsets.UTF_8);
        tail.write(bytes, 0, bytes.length);
        return new ReleaseVerified(
                runId, release.id(), actor, ended, passed, said, started, ended, attempts, tail.text());
    }

    /** The first line of {@code message}, cut to {@value #MESSAGE_LIMIT} characters; {@code otherwise} when blank. */
    private static String oneLine(String message, String otherwise) {
        String text = message == null ? "" : message.strip();
        int newline = text.indexOf('\n');
        String line = (newline < 0 ? text : text.substring(0, newline)).strip();
        if (line.isEmpty()) {
            return otherwise;
        }
        return line.length() <= MESSAGE_LIMIT ? line : line.substring(0, MESSAGE_LIMIT - 1) + "\u2026";
    }

    private ArtifactResult result(
            String artifactId, ArtifactStatus status, String message, Instant started, Instant ended) {
        return result(artifactId, status, message, started, ended, Map.of());
    }

    private ArtifactResult result(
            String artifactId,
            ArtifactStatus status,
            String message,
            Instant started,
            Instant ended,
            Map<String, String> details) {
        Artifact artifact = release.artifact(artifactId)
                .orElseThrow(() -> new IllegalArgumentException(artifactId + " is not an artifact of release "
                        + release.id().shortForm()));
        return new ArtifactResult(
                runId,
                release.id(),
                actor,
                ended,
                RecordedArtifact.of(release, artifact),
                status,
                message,
                started,
                ended,
                "",
                details);
    }

    private static ArtifactStatus status(String buildResult) {
        if (SUCCESS.equals(buildResult)) {
            return ArtifactStatus.SUCCEEDED;
        }
        if (ABORTED.equals(buildResult)) {
            return ArtifactStatus.CANCELLED;
        }
        return NOT_BUILT.equals(buildResult) ? ArtifactStatus.SKIPPED : ArtifactStatus.FAILED;
    }

    private static ArtifactStatus status(PromotionStatus image) {
        return switch (image) {
            case TAGGED -> ArtifactStatus.SUCCEEDED;
            case UNCHANGED -> ArtifactStatus.UNCHANGED;
            case WOULD_TAG -> ArtifactStatus.SKIPPED;
            case FAILED -> ArtifactStatus.FAILED;
        };
    }

    private static String describe(String buildResult, String message) {
        if (message != null && !message.isBlank()) {
            return message.strip();
        }
        return NOT_BUILT.equals(buildResult)
                ? "not run: the promotion stopped before this branch started"
                : buildResult;
    }
}
