package io.jenkins.plugins.releasetrain.manifest;

/** The two things a release moves: a deployment of a commit, and the retag of an image. */
public enum ArtifactKind {
    DEPLOYMENT("deploy"),
    IMAGE("image");

    private final String idSegment;

    ArtifactKind(String idSegment) {
        this.idSegment = idSegment;
    }

    /** The middle part of an artifact id: {@code product1/deploy/cf-edge-s3}. */
    public String idSegment() {
        return idSegment;
    }
}
