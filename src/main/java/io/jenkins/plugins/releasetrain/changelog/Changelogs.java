package io.jenkins.plugins.releasetrain.changelog;

import io.jenkins.plugins.releasetrain.gitops.GitAccess;
import io.jenkins.plugins.releasetrain.gitops.GitOpsException;
import io.jenkins.plugins.releasetrain.gitops.RepositoryAccessException;
import io.jenkins.plugins.releasetrain.gitops.RepositoryLocation;
import io.jenkins.plugins.releasetrain.gitops.SourceRepository;
import io.jenkins.plugins.releasetrain.manifest.Artifact;
import io.jenkins.plugins.releasetrain.manifest.DeploymentArtifact;
import io.jenkins.plugins.releasetrain.manifest.ImageArtifact;
import io.jenkins.plugins.releasetrain.plan.PlannedArtifact;
import io.jenkins.plugins.releasetrain.plan.ReleasePlan;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;

/**
 * Builds the changelog of a plan: for each added or changed artifact, the commits between what is live and
 * what the release deploys. Each repository is opened once and read from its cache, fetched only for commits
 * the cache lacks. Nothing here fails a plan: an artifact whose repository is not configured, cannot be
 * reached or lacks a commit gets a note saying so, and once the time budget is spent the remaining artifacts
 * say that instead.
 *
 * <p>Not thread-safe: one instance builds one changelog at a time.
 */
public final class Changelogs {

    private final RepositoryLocator locator;
    private final GitAccess access;
    private final ChangelogOptions options;
    private final ImageOrigins images;
    private final Clock clock;
    /**
     * Repositories that could not be reached, with when: not asked again for {@link #RETRY_AFTER}, so that a
     * board that reads many ranges from one host that is down waits out its timeout once, not once per range.
     */
    private final Map<String, Unreachable> unreachableRepositories = new HashMap<>();

    /** How long an unreachable repository is not asked again. */
    static final Duration RETRY_AFTER = Duration.ofMinutes(5);

    private record Unreachable(String note, Instant at) {}

    public Changelogs(
            RepositoryLocator locator, GitAccess access, ChangelogOptions options, ImageOrigins images, Clock clock) {
        this.locator = locator;
        this.access = access;
        this.options = options;
        this.images = images;
        this.clock = clock;
    }

    public ReleaseChangelog of(ReleasePlan plan) {
        return of(plan.work());
    }

    /** The changelog of {@code work}, the added and changed artifacts of a plan or a promotion. */
    public ReleaseChangelog of(List<PlannedArtifact> work) {
        Instant deadline = clock.instant().plus(options.budget());
        Map<String, SourceRepository> open = new HashMap<>();
        try {
            List<ArtifactChangelog> entries = new ArrayList<>();
            for (PlannedArtifact artifact : work) {
                if (!artifact.change().needsWork()) {
                    continue;
                }
                if (clock.instant().isAfter(deadline)) {
                    entries.add(ArtifactChangelog.noted(
                            artifact.id(),
                            Optional.empty(),
                            Optional.empty(),
                            Optional.empty(),
                            "changelog skipped: reading repositories took longer than "
                                    + options.budget().toSeconds() + " s"));
                    continue;
                }
                entries.add(entry(artifact, open));
            }
            return new ReleaseChangelog(entries);
        } finally {
            open.values().forEach(SourceRepository::close);
        }
    }

    private ArtifactChangelog entry(PlannedArtifact artifact, Map<String, SourceRepository> open) {
        Artifact after = artifact.current();
        if (after instanceof DeploymentArtifact deployment) {
            Optional<String> from = artifact.beforeArtifact()
                    .filter(DeploymentArtifact.class::isInstance)
                    .map(a -> ((DeploymentArtifact) a).deployment().gitCommit());
            return range(
                    artifact.id(),
                    deployment.deployment().gitRepoName(),
                    from,
                    deployment.deployment().gitCommit(),
                    open);
        }
        if (after instanceof ImageArtifact image) {
            return image(artifact, image, open);
        }
        throw new IllegalStateException("unknown artifact kind: " + after);
    }

    private ArtifactChangelog image(PlannedArtifact artifact, ImageArtifact next, Map<String, SourceRepository> open) {
        Optional<ImageOrigin> origin;
        Optional<ImageOrigin> live;
        try {
            origin = images.of(next.image().repoName(), next.image().sourceTag());
            live = artifact.beforeArtifact()
                    .filter(ImageArtifact.class::isInstance)
                    .map(ImageArtifact.class::cast)
                    .flatMap(before -> images.of(before.image().repoName(), before.destinationTag()));
        } catch (ImageOriginException e) {
            return ArtifactChangelog.noted(
                    artifact.id(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    "image origin unavailable: " + e.getMessage());
        }
        if (origin.isEmpty()) {
            return ArtifactChangelog.noted(
                            artifact.id(),
                            Optional.empty(),
                            Optional.empty(),
                            Optional.empty(),
                            "the source tag " + next.image().sourceTag() + " does not exist")
                    .withImages(origin, live);
        }
        Optional<String> revision = origin.get().revision();
        Optional<String> liveRevision = live.flatMap(ImageOrigin::revision);
        Optional<String> name = origin.get().source().flatMap(locator::nameOf);
        ArtifactChangelog entry;
        if (revision.isEmpty()) {
            entry = ArtifactChangelog.noted(
                    artifact.id(),
                    Optional.empty(),
                    liveRevision,
                    Optional.empty(),
                    "the image has no " + ImageOrigin.REVISION_LABEL + " label: no commits to list");
        } else if (artifact.beforeArtifact().isEmpty()) {
            entry = ArtifactChangelog.noted(
                    artifact.id(),
                    Optional.empty(),
                    Optional.empty(),
                    revision,
                    "first release of this image here: nothing to compare with");
        } else if (liveRevision.isEmpty()) {
            entry = ArtifactChangelog.noted(
                    artifact.id(),
                    Optional.empty(),
                    Optional.empty(),
                    revision,
                    live.isEmpty()
                            ? "the live image's tag cannot be found: no commits to compare with"
                            : "the live image has no " + ImageOrigin.REVISION_LABEL
                                    + " label: no commits to compare with");
        } else if (name.isEmpty()) {
            entry = ArtifactChangelog.noted(
                    artifact.id(),
                    origin.get().source(),
                    liveRevision,
                    revision,
                    origin.get()
                            .source()
                            .map(s -> "the image's source " + s + " is not a configured repository location")
                            .orElse("the image has no " + ImageOrigin.SOURCE_LABEL + " label: no repository to read"));
        } else {
            entry = range(artifact.id(), name.get(), liveRevision, revision.get(), open);
        }
        return entry.withImages(origin, live);
    }

    private ArtifactChangelog range(
            String artifactId,
            String gitRepoName,
            Optional<String> from,
            String to,
            Map<String, SourceRepository> open) {
        Optional<RepositoryLocation> location = locator.locate(gitRepoName);
        if (location.isEmpty()) {
            return ArtifactChangelog.noted(
                    artifactId,
                    Optional.empty(),
                    from,
                    Optional.of(to),
                    "no repository location configured for " + gitRepoName);
        }
        Optional<String> shown = Optional.of(location.get().display());
        Unreachable unreachable = unreachableRepositories.get(shown.get());
        if (unreachable != null && clock.instant().isBefore(unreachable.at().plus(RETRY_AFTER))) {
            return ArtifactChangelog.noted(artifactId, shown, from, Optional.of(to), unreachable.note());
        }
        if (from.isEmpty()) {
            return ArtifactChangelog.noted(
                    artifactId, shown, from, Optional.of(to), "first deployment here: nothing to compare with");
        }
        try {
            SourceRepository repository =
                    open.computeIfAbsent(location.get().display(), k -> SourceRepository.open(location.get(), access));
            ObjectId live = repository.commit(from.get());
            ObjectId release = repository.commit(to);
            CommitWalk.Range range = new CommitWalk(
                            repository.git(), options.references(), options.limit(), options.countBound())
                    .between(live, release);
            return new ArtifactChangelog(
                    artifactId,
                    shown,
                    from,
                    Optional.of(to),
                    Optional.of(range.relation()),
                    range.added(),
                    range.dropped(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty());
        } catch (RepositoryAccessException e) {
            // Not asked again for the repository's other artifacts: each attempt could wait out the timeout.
            String note = "changelog unavailable: " + e.getMessage();
            unreachableRepositories.put(shown.get(), new Unreachable(note, clock.instant()));
            return ArtifactChangelog.noted(artifactId, shown, from, Optional.of(to), note);
        } catch (GitOpsException e) {
            return ArtifactChangelog.noted(
                    artifactId, shown, from, Optional.of(to), "changelog unavailable: " + e.getMessage());
        } catch (IOException e) {
            return ArtifactChangelog.noted(
                    artifactId,
                    shown,
                    from,
                    Optional.of(to),
                    "changelog unavailable: cannot read " + location.get().display() + ": " + e.getMessage());
        }
    }
}
