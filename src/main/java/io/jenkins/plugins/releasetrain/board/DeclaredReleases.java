package io.jenkins.plugins.releasetrain.board;

import io.jenkins.plugins.releasetrain.manifest.Release;
import java.util.Optional;

/**
 * What git says runs in each environment: the release its manifest declares, read where the caller keeps its
 * manifests (the board itself reads no repository). The board compares it with what the ledger says is live.
 */
@FunctionalInterface
public interface DeclaredReleases {

    /** Git is not consulted: no environment shows git drift. */
    DeclaredReleases NONE = environment -> Optional.empty();

    /** The release {@code environment}'s manifest declares, and where it was read; empty when unknown. */
    Optional<Declared> of(String environment);

    /**
     * @param source where the manifest was read, for people ({@code main:releases/production-us-east-2.yaml})
     */
    record Declared(String source, Release release) {}
}
