package io.jenkins.plugins.releasetrain.board;

import io.jenkins.plugins.releasetrain.manifest.ArtifactKind;

/** How a version reads on the board when the ledger gives none: the manifest's own rule. */
final class DisplayVersions {

    private static final int SHORT_SHA = 12;

    private DisplayVersions() {}

    static String of(ArtifactKind kind, String version) {
        if (kind == ArtifactKind.DEPLOYMENT && version.length() > SHORT_SHA) {
            return version.substring(0, SHORT_SHA);
        }
        return version;
    }
}
