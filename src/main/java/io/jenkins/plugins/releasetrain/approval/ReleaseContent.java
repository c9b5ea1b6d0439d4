package io.jenkins.plugins.releasetrain.approval;

import io.jenkins.plugins.releasetrain.manifest.Artifact;
import io.jenkins.plugins.releasetrain.manifest.Release;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a release deploys, the same in every environment: each artifact's id and version (commit or source
 * tag). Promotion order compares this, not the {@link io.jenkins.plugins.releasetrain.manifest.ReleaseId},
 * because a release id also covers what differs by design between environments (names, destination tags).
 */
public record ReleaseContent(SortedMap<String, String> versions) {

    public ReleaseContent {
        versions = new TreeMap<>(versions);
    }

    public static ReleaseContent of(Release release) {
        SortedMap<String, String> versions = new TreeMap<>();
        for (Artifact artifact : release.artifacts()) {
            versions.put(artifact.id(), artifact.version());
        }
        return new ReleaseContent(versions);
    }

    public static ReleaseContent of(Map<String, String> versions) {
        return new ReleaseContent(new TreeMap<>(versions));
    }

    @Override
    public SortedMap<String, String> versions() {
        return java.util.Collections.unmodifiableSortedMap(versions);
    }

    /** Whether {@code other} deployed every artifact of this content at the same version (it may hold more). */
    public boolean isIncludedIn(ReleaseContent other) {
        return versions.entrySet().stream().allMatch(e -> e.getValue().equals(other.versions.get(e.getKey())));
    }

    /** What {@code other} lacks of this content, one phrase per artifact: "product1/deploy/api is 1a2b3c4d5e6f there". */
    public List<String> missingFrom(ReleaseContent other) {
        List<String> missing = new ArrayList<>();
        versions.forEach((id, version) -> {
            String there = other.versions.get(id);
            if (there == null) {
                missing.add(id + " " + Wording.version(version) + " is not part of it");
            } else if (!there.equals(version)) {
                missing.add(id + " is " + Wording.version(there) + " there, " + Wording.version(version) + " here");
            }
        });
        return missing;
    }
}
