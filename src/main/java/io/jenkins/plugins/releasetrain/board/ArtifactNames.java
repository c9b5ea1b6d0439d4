package io.jenkins.plugins.releasetrain.board;

import io.jenkins.plugins.releasetrain.manifest.ArtifactKind;

/** Row labels: an artifact id without the product and kind its row group already shows. */
final class ArtifactNames {

    private ArtifactNames() {}

    static String shortName(String artifactId, String product, ArtifactKind kind) {
        String prefix = product + "/" + kind.idSegment() + "/";
        return artifactId.startsWith(prefix) ? artifactId.substring(prefix.length()) : artifactId;
    }
}
