package io.jenkins.plugins.releasetrain.jenkins;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import hudson.FilePath;
import hudson.model.Run;
import io.jenkins.plugins.releasetrain.manifest.LoadedManifest;
import io.jenkins.plugins.releasetrain.manifest.ManifestException;
import io.jenkins.plugins.releasetrain.manifest.ManifestLoader;
import io.jenkins.plugins.releasetrain.manifest.WorkspacePath;
import java.io.IOException;
import java.util.Optional;

/**
 * Where a step's release comes from: a manifest in the workspace ({@code manifest:}), read once and then kept
 * with the build, or a release the build read earlier ({@code release:}, its id), which needs no workspace.
 * Either way, every step of the build that names the same release works on the same bytes.
 *
 * @param path the manifest's path in the workspace when it was read, for messages and change-set matching
 */
record ReleaseSource(String path, LoadedManifest loaded) {

    /**
     * The release a step names.
     *
     * @param manifest a path in the workspace, or null
     * @param release the id of a release this build read, or null
     * @param workspace the step's workspace; null outside {@code node}
     */
    static ReleaseSource resolve(
            Run<?, ?> run,
            @CheckForNull FilePath workspace,
            @CheckForNull String manifest,
            @CheckForNull String release,
            String step)
            throws IOException, InterruptedException {
        if ((manifest == null) == (release == null)) {
            throw new AbortException(Messages.ReleaseSource_ManifestOrRelease(step));
        }
        if (release != null) {
            return registered(run, release, step);
        }
        return read(run, workspace, manifest);
    }

    /** Reads a manifest from the workspace and keeps it with the build. */
    static ReleaseSource read(Run<?, ?> run, @CheckForNull FilePath workspace, String manifest)
            throws IOException, InterruptedException {
        LoadedManifest loaded = load(() -> ManifestFiles.read(workspace, manifest));
        String releaseId = loaded.release().id().value();
        // Read where the workspace is, now: later steps may run without one.
        WorkspaceAuthors.Found authors = workspace.act(new WorkspaceAuthors(
                WorkspacePath.check(manifest),
                releaseId,
                lastReleasedCommit(loaded.release().environment().name())));
        ReadReleases.of(run).register(manifest, loaded.document().text(), releaseId, authors);
        return new ReleaseSource(manifest, loaded);
    }

    /** The key under which a run's start records the commit of the manifest it released. */
    static final String MANIFEST_COMMIT = "manifest.commit";

    /** The manifest commit of the environment's last successful release, when its start recorded one. */
    private static Optional<String> lastReleasedCommit(String environment) {
        return ReleaseLedger.get()
                .read(environment)
                .lastSuccessfulRun()
                .map(run -> run.started().details().get(MANIFEST_COMMIT));
    }

    /** A release the build read before, by id. */
    static ReleaseSource registered(Run<?, ?> run, String release, String step) throws AbortException {
        Optional<ReadReleases.Entry> entry = ReadReleases.find(run).flatMap(r -> r.entry(release.trim()));
        if (entry.isEmpty()) {
            throw new AbortException(Messages.ReleaseSource_NotRead(
                    step,
                    release,
                    ReadReleases.find(run).map(ReadReleases::releaseIds).orElse(java.util.List.of())));
        }
        LoadedManifest loaded;
        try {
            loaded = new ManifestLoader().load(entry.get().path(), entry.get().text());
        } catch (ManifestException e) {
            throw new AbortException(e.getMessage());
        }
        if (!loaded.release().id().value().equals(entry.get().releaseId())) {
            // Cannot happen unless the build's record was edited: refuse rather than act on other content.
            throw new AbortException(Messages.ReleaseSource_Changed(entry.get().path()));
        }
        return new ReleaseSource(entry.get().path(), loaded);
    }

    private interface Loading {
        LoadedManifest load() throws IOException, InterruptedException;
    }

    private static LoadedManifest load(Loading loading) throws IOException, InterruptedException {
        try {
            return loading.load();
        } catch (ManifestException e) {
            throw new AbortException(e.getMessage());
        }
    }
}
