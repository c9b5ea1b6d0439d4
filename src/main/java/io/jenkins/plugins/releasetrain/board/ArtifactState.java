package io.jenkins.plugins.releasetrain.board;

import io.jenkins.plugins.releasetrain.manifest.ArtifactKind;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The latest thing that happened to one artifact in one environment: the version live there, or the one
 * being deployed, failed, or waiting for approval; which release brought it, when and by whom.
 *
 * @param productVersion the product's display version in that release ({@code 1.9.0-rc2}), or null
 * @param by who released it, or null when the ledger does not say
 * @param liveVersion the version live there whatever the latest attempt: {@code version} when it
 *     succeeded, the earlier version when an attempt failed or is under way, null when none is live yet.
 *     Drift compares these.
 * @param url the page of the run that brought this state (its Jenkins build), or null
 * @param failure why the latest attempt failed, for people: its message and the last lines of its output; null
 *     unless it failed
 * @param changes what the live version brought over the one live before it, when the board was asked to read
 *     repositories; null otherwise
 * @param hotfix whether the live version came with a hotfix (let in without the promotion order): the board says
 *     so while the environment before this one lacks it
 */
public record ArtifactState(
        String artifactId,
        String product,
        ArtifactKind kind,
        String version,
        String displayVersion,
        String productVersion,
        Status status,
        String releaseId,
        Instant at,
        String by,
        String liveVersion,
        String url,
        String failure,
        CellChanges changes,
        boolean hotfix) {

    public ArtifactState(
            String artifactId,
            String product,
            ArtifactKind kind,
            String version,
            String displayVersion,
            String productVersion,
            Status status,
            String releaseId,
            Instant at,
            String by,
            String liveVersion,
            String url,
            String failure,
            CellChanges changes) {
        this(
                artifactId,
                product,
                kind,
                version,
                displayVersion,
                productVersion,
                status,
                releaseId,
                at,
                by,
                liveVersion,
                url,
                failure,
                changes,
                false);
    }

    public ArtifactState(
            String artifactId,
            String product,
            ArtifactKind kind,
            String version,
            String displayVersion,
            String productVersion,
            Status status,
            String releaseId,
            Instant at,
            String by,
            String liveVersion,
            String url,
            String failure) {
        this(
                artifactId,
                product,
                kind,
                version,
                displayVersion,
                productVersion,
                status,
                releaseId,
                at,
                by,
                liveVersion,
                url,
                failure,
                null);
    }

    public ArtifactState(
            String artifactId,
            String product,
            ArtifactKind kind,
            String version,
            String displayVersion,
            String productVersion,
            Status status,
            String releaseId,
            Instant at,
            String by,
            String liveVersion,
            String url) {
        this(
                artifactId,
                product,
                kind,
                version,
                displayVersion,
                productVersion,
                status,
                releaseId,
                at,
                by,
                liveVersion,
                url,
                null);
    }

    public ArtifactState {
        Objects.requireNonNull(artifactId, "artifactId");
        Objects.requireNonNull(product, "product");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(version, "version");
        Status.require(Objects.requireNonNull(status, "status"), Status.CELL, "an artifact's state");
        Objects.requireNonNull(releaseId, "releaseId");
        Objects.requireNonNull(at, "at");
        displayVersion = displayVersion == null ? DisplayVersions.of(kind, version) : displayVersion;
        if (status == Status.SUCCEEDED && liveVersion == null) {
            liveVersion = version;
        }
        if (status == Status.SUCCEEDED && !liveVersion.equals(version)) {
            throw new IllegalArgumentException(
                    artifactId + " succeeded with " + version + " but says " + liveVersion + " is live");
        }
    }

    /**
     * A state whose live version is its version when it succeeded, and unknown (none) otherwise, without a
     * link.
     */
    public ArtifactState(
            String artifactId,
            String product,
            ArtifactKind kind,
            String version,
            String displayVersion,
            String productVersion,
            Status status,
            String releaseId,
            Instant at,
            String by) {
        this(artifactId, product, kind, version, displayVersion, productVersion, status, releaseId, at, by, null, null);
    }

    /** The same state with what is live there meanwhile. */
    public ArtifactState withLiveVersion(String live) {
        Copy copy = new Copy(this);
        copy.liveVersion = live;
        return copy.build();
    }

    /** The same state linked to the page of the run that brought it. */
    public ArtifactState withUrl(String page) {
        Copy copy = new Copy(this);
        copy.url = page;
        return copy.build();
    }

    /** The same state with why its attempt failed. */
    public ArtifactState withFailure(String why) {
        Copy copy = new Copy(this);
        copy.failure = why;
        return copy.build();
    }

    /** The same state with what its live version brought. */
    public ArtifactState withChanges(CellChanges brought) {
        Copy copy = new Copy(this);
        copy.changes = brought;
        return copy.build();
    }

    /** The same state, saying whether its live version came with a hotfix. */
    public ArtifactState withHotfix(boolean value) {
        Copy copy = new Copy(this);
        copy.hotfix = value;
        return copy.build();
    }

    /** A state's fields, to change one and build the new state (which checks them all again). */
    private static final class Copy {
        private final ArtifactState state;
        private String liveVersion;
        private String url;
        private String failure;
        private CellChanges changes;
        private boolean hotfix;

        Copy(ArtifactState state) {
            this.state = state;
            liveVersion = state.liveVersion;
            url = state.url;
            failure = state.failure;
            changes = state.changes;
            hotfix = state.hotfix;
        }

        ArtifactState build() {
            return new ArtifactState(
                    state.artifactId,
                    state.product,
                    state.kind,
                    state.version,
                    state.displayVersion,
                    state.productVersion,
                    state.status,
                    state.releaseId,
                    state.at,
                    state.by,
                    liveVersion,
                    url,
                    failure,
                    changes,
                    hotfix);
        }
    }

    public Optional<String> live() {
        return Optional.ofNullable(liveVersion);
    }

    /** The live version as tables show it: a commit cut to 12 digits, a tag as is. */
    public Optional<String> liveDisplayVersion() {
        return live().map(v -> v.equals(version) ? displayVersion : DisplayVersions.of(kind, v));
    }
}
