package io.jenkins.plugins.releasetrain.record;

import io.jenkins.plugins.releasetrain.changelog.ImageOrigin;
import io.jenkins.plugins.releasetrain.changelog.ImageOriginException;
import io.jenkins.plugins.releasetrain.changelog.ImageOrigins;
import io.jenkins.plugins.releasetrain.ledger.ArtifactResult;
import io.jenkins.plugins.releasetrain.ledger.EnvironmentLedger;
import io.jenkins.plugins.releasetrain.ledger.EnvironmentState;
import io.jenkins.plugins.releasetrain.ledger.LiveArtifact;
import io.jenkins.plugins.releasetrain.ledger.RecordedArtifact;
import io.jenkins.plugins.releasetrain.ledger.ReleaseRun;
import io.jenkins.plugins.releasetrain.manifest.ArtifactKind;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Image origins for a record of a past run: each tag is read at the digest the ledger says it had then (the
 * new image at the digest the run tagged, the live one at the digest its own run tagged), never at whatever
 * the tag points at today, so the record reads the same later.
 */
final class RecordedImageOrigins implements ImageOrigins {

    private final ImageOrigins registry;
    private final Map<String, String> digests = new HashMap<>();

    RecordedImageOrigins(EnvironmentLedger ledger, ReleaseRun run, ImageOrigins registry) {
        this.registry = registry;
        for (ArtifactResult result : run.results()) {
            remember(result.artifact(), "sourceTag", result.details().get(ArtifactResult.DIGEST));
        }
        EnvironmentState before = ledger.stateAt(run.startedAt().minusNanos(1));
        for (LiveArtifact live : before.artifacts()) {
            remember(
                    live.artifact(),
                    "destinationTag",
                    live.deployment().details().get(ArtifactResult.DIGEST));
        }
    }

    private void remember(RecordedArtifact artifact, String tagAttribute, String digest) {
        if (artifact.kind() == ArtifactKind.IMAGE && digest != null) {
            digests.put(
                    key(
                            artifact.attributes().get("repoName"),
                            artifact.attributes().get(tagAttribute)),
                    digest);
        }
    }

    @Override
    public Optional<ImageOrigin> of(String repository, String tag) {
        String digest = digests.get(key(repository, tag));
        if (digest == null) {
            throw new ImageOriginException("the ledger holds no digest for " + repository + ":" + tag);
        }
        return registry.of(repository, digest);
    }

    private static String key(String repository, String tag) {
        return repository + ":" + tag;
    }
}
