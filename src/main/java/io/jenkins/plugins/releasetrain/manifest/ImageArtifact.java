package io.jenkins.plugins.releasetrain.manifest;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An image of one product, addressed as {@code <product>/image/<repoName>}, with the destination tag it
 * gets in the release's environment.
 */
public record ImageArtifact(String product, Image image, String destinationTag) implements Artifact {

    public ImageArtifact {
        Objects.requireNonNull(product, "product");
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(destinationTag, "destinationTag");
    }

    @Override
    public String id() {
        return Artifact.id(product, ArtifactKind.IMAGE, image.repoName());
    }

    @Override
    public ArtifactKind kind() {
        return ArtifactKind.IMAGE;
    }

    @Override
    public String version() {
        return image.sourceTag();
    }

    @Override
    public String displayVersion() {
        return image.sourceTag();
    }

    @Override
    public Map<String, String> attributes() {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("repoName", image.repoName());
        attributes.put("sourceTag", image.sourceTag());
        attributes.put("destinationTag", destinationTag);
        return attributes;
    }

    @Override
    public Set<String> environmentSpecificAttributes() {
        return Set.of("destinationTag");
    }
}
