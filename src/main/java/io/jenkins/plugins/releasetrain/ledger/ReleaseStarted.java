package io.jenkins.plugins.releasetrain.ledger;

import io.jenkins.plugins.releasetrain.manifest.LoadedManifest;
import io.jenkins.plugins.releasetrain.manifest.ManifestException;
import io.jenkins.plugins.releasetrain.manifest.ManifestLoader;
import io.jenkins.plugins.releasetrain.manifest.Release;
import io.jenkins.plugins.releasetrain.manifest.ReleaseId;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A run of a release began. It keeps the manifest's exact text, so the {@link Release} that ran can be
 * rebuilt later by the same loader, whatever happened to the file since.
 *
 * @param sourceName where the manifest was read from, as the user named it
 * @param sourceText the manifest's text, byte for byte as it was loaded
 */
public record ReleaseStarted(
        RunId runId,
        ReleaseId releaseId,
        String environment,
        String actor,
        Instant time,
        String sourceName,
        String sourceText,
        PlanSummary plan,
        Map<String, String> details)
        implements LedgerRecord {

    /** The detail saying what kind of release a run is, when it is not an ordinary one: {@link #HOTFIX}. */
    public static final String KIND = "release.kind";
    /** A hotfix: let in by the rule's hotfix lane, without the promotion order. */
    public static final String HOTFIX = "hotfix";

    public ReleaseStarted {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(releaseId, "releaseId");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(sourceName, "sourceName");
        Objects.requireNonNull(sourceText, "sourceText");
        Objects.requireNonNull(plan, "plan");
        details = Map.copyOf(details);
    }

    public static ReleaseStarted of(
            RunId runId, LoadedManifest manifest, PlanSummary plan, String actor, Instant time) {
        return of(runId, manifest, plan, actor, time, Map.of());
    }

    /**
     * A start with {@code details} about where the run comes from, such as the Jenkins job and build URL
     * (keys in docs/ledger.md) that the board links to.
     */
    public static ReleaseStarted of(
            RunId runId,
            LoadedManifest manifest,
            PlanSummary plan,
            String actor,
            Instant time,
            Map<String, String> details) {
        Release release = manifest.release();
        return new ReleaseStarted(
                runId,
                release.id(),
                release.environment().name(),
                actor,
                time,
                manifest.sourceName(),
                manifest.document().text(),
                plan,
                details);
    }

    /**
     * The release that ran, rebuilt from the recorded text.
     *
     * @throws LedgerException when the text no longer loads (validation rules changed since) or does not
     *     hash to the recorded id (the ledger was edited)
     */
    public Release release() {
        return manifest().release();
    }

    /**
     * The manifest that ran, loaded again from the recorded text: what a rollback runs again, or what git is told
     * runs.
     *
     * @throws LedgerException as {@link #release()} does
     */
    public LoadedManifest manifest() {
        LoadedManifest manifest;
        try {
            manifest = new ManifestLoader().load(sourceName, sourceText);
        } catch (ManifestException e) {
            throw new LedgerException("the manifest recorded for run " + runId + " (" + sourceName
                    + ") no longer loads: " + e.getMessage());
        }
        ReleaseId loaded = manifest.release().id();
        if (!loaded.equals(releaseId)) {
            throw new LedgerException("the manifest recorded for run " + runId + " hashes to " + loaded
                    + ", not to the recorded release id " + releaseId + "; the ledger was edited");
        }
        return manifest;
    }
}
