package io.jenkins.plugins.releasetrain.gitops;

import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;

/** The raw bytes of a manifest at one commit, with the file mode a rewrite must keep. */
record ManifestFile(ObjectId commit, String path, byte[] content, FileMode mode) {

    ManifestFile {
        content = content.clone();
    }

    @Override
    public byte[] content() {
        return content.clone();
    }
}
