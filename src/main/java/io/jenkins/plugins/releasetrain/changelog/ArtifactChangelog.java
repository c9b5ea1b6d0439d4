package io.jenkins.plugins.releasetrain.changelog;

import java.util.Objects;
import java.util.Optional;

/**
 * What one artifact's change contains. For a deployment, the commits between the one live in the environment
 * ({@code from}) and the one the release deploys ({@code to}); for an image, the same between the commits the
 * live and the new image were built from, when their labels say, plus where each image came from.
 *
 * @param artifactId the artifact, {@code product1/deploy/portal}
 * @param repository the repository read, as shown to people (credentials masked); empty when none is known
 * @param from       the live commit; empty on a first deployment or when unknown
 * @param to         the release's commit; empty when unknown (an image without a revision label)
 * @param relation   how {@code to} stands to {@code from}; empty when there is no range to show
 * @param added      commits the release brings
 * @param dropped    commits live now that the release takes away
 * @param note       why there is no range (first deployment, no repository configured, unreachable), if so
 * @param image      for an image: the new image's origin
 * @param liveImage  for an image: the live image's origin, when there is one and it could be read
 */
public record ArtifactChangelog(
        String artifactId,
        Optional<String> repository,
        Optional<String> from,
        Optional<String> to,
        Optional<Relation> relation,
        CommitList added,
        CommitList dropped,
        Optional<String> note,
        Optional<ImageOrigin> image,
        Optional<ImageOrigin> liveImage) {

    public ArtifactChangelog {
        Objects.requireNonNull(artifactId, "artifactId");
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(relation, "relation");
        Objects.requireNonNull(added, "added");
        Objects.requireNonNull(dropped, "dropped");
        Objects.requireNonNull(note, "note");
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(liveImage, "liveImage");
    }

    /** No range: only a note (and for an image, its origin). */
    static ArtifactChangelog noted(
            String artifactId, Optional<String> repository, Optional<String> from, Optional<String> to, String note) {
        return new ArtifactChangelog(
                artifactId,
                repository,
                from,
                to,
                Optional.empty(),
                CommitList.EMPTY,
                CommitList.EMPTY,
                Optional.of(note),
                Optional.empty(),
                Optional.empty());
    }

    ArtifactChangelog withImages(Optional<ImageOrigin> next, Optional<ImageOrigin> live) {
        return new ArtifactChangelog(artifactId, repository, from, to, relation, added, dropped, note, next, live);
    }

    /** One line: "3 commits", "rolls back 4 commits", "changelog unavailable: ...". */
    public String summary() {
        if (relation.isEmpty()) {
            return note.orElse("no changelog");
        }
        return switch (relation.get()) {
            case SAME -> "same commit";
            case FORWARD -> added.count();
            case BEHIND -> "rolls back " + dropped.count();
            case DIVERGED -> added.count() + ", and drops " + dropped.count() + " live now";
            case UNRELATED -> "no common history with the live commit (force push or rewritten history?)";
        };
    }
}
