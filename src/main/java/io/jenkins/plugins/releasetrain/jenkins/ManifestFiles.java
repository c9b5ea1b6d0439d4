package io.jenkins.plugins.releasetrain.jenkins;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import hudson.FilePath;
import hudson.Util;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import io.jenkins.plugins.releasetrain.manifest.Diagnostic;
import io.jenkins.plugins.releasetrain.manifest.LoadedManifest;
import io.jenkins.plugins.releasetrain.manifest.ManifestLoader;
import io.jenkins.plugins.releasetrain.manifest.WorkspacePath;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

final class ManifestFiles {

    static final String TEXT_SOURCE = "manifest";

    private ManifestFiles() {}

    /** Form validation of a manifest path field: relative, inside the workspace. */
    static FormValidation checkPath(@CheckForNull String value) {
        return WorkspacePath.problem(Util.fixNull(value).trim())
                .map(FormValidation::error)
                .orElse(FormValidation.ok());
    }

    /** As {@link #checkPath}, for a field that may be left empty. */
    static FormValidation checkOptionalPath(@CheckForNull String value) {
        return Util.fixEmptyAndTrim(value) == null ? FormValidation.ok() : checkPath(value);
    }

    /**
     * Reads a manifest from the workspace; throws {@link io.jenkins.plugins.releasetrain.manifest.ManifestException}
     * listing every error when it is invalid.
     */
    static LoadedManifest read(@CheckForNull FilePath workspace, String file) throws IOException, InterruptedException {
        String path;
        try {
            path = WorkspacePath.check(file);
        } catch (IllegalArgumentException e) {
            throw new AbortException(e.getMessage());
        }
        if (workspace == null) {
            throw new AbortException(Messages.ManifestFiles_NoWorkspace(path));
        }
        FilePath manifest = workspace.child(path);
        if (!manifest.exists() || manifest.isDirectory()) {
            throw new AbortException(Messages.ManifestFiles_NoSuchFile(path, workspace.getRemote()));
        }
        if (!workspace.isDescendant(path)) {
            throw new AbortException(Messages.ManifestFiles_OutsideWorkspace(path));
        }
        ManifestLoader loader = new ManifestLoader();
        byte[] bytes;
        try (InputStream in = manifest.read()) {
            bytes = loader.readBounded(in);
        }
        return loader.load(path, bytes);
    }

    static LoadedManifest parse(String text) {
        return new ManifestLoader().load(TEXT_SOURCE, text);
    }

    static void print(TaskListener listener, List<Diagnostic> diagnostics) {
        for (Diagnostic diagnostic : diagnostics) {
            listener.getLogger().println(diagnostic.format());
        }
    }
}
