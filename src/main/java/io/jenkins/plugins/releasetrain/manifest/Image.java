package io.jenkins.plugins.releasetrain.manifest;

import java.util.Objects;

/**
 * A container image of a product, promoted by giving its {@code sourceTag}'s manifest an environment tag.
 *
 * @param destinationTag an explicit destination tag, or {@code null} to derive it from the environment
 */
public record Image(String repoName, String sourceTag, String destinationTag) {

    public Image {
        Objects.requireNonNull(repoName, "repoName");
        Objects.requireNonNull(sourceTag, "sourceTag");
    }

    public Image(String repoName, String sourceTag) {
        this(repoName, sourceTag, null);
    }

    /** The tag this image gets in {@code environment}: the explicit one, else {@link DestinationTags#derive}. */
    public String destinationTagIn(Environment environment) {
        return destinationTag != null
                ? destinationTag
                : DestinationTags.derive(environment.destinationTagPrefix(), sourceTag);
    }
}
