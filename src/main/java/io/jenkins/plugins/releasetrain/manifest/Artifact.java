package io.jenkins.plugins.releasetrain.manifest;

import java.util.Map;

/**
 * One unit of work of a release, with an id that stays the same across environments and releases
 * ({@code product1/deploy/cf-edge-s3}, {@code product1/image/product1/microservice-1}) so that plans, the
 * ledger, approvals and the board all speak about the same thing.
 */
public sealed interface Artifact permits DeploymentArtifact, ImageArtifact {

    String id();

    String product();

    ArtifactKind kind();

    /** What is being released: a full commit SHA or an image tag. */
    String version();

    /** The version as tables show it: a commit abbreviated to 12 digits, or the tag. */
    String displayVersion();

    /**
     * The fields that define what the artifact deploys, in a stable order; two artifacts with equal
     * attributes are the same release of it.
     */
    Map<String, String> attributes();

    /** Attributes whose value depends on the environment (the destination tag), ignored between environments. */
    java.util.Set<String> environmentSpecificAttributes();

    static String id(String product, ArtifactKind kind, String name) {
        return product + "/" + kind.idSegment() + "/" + name;
    }
}
