package io.jenkins.plugins.releasetrain.manifest;

import java.util.Objects;

/**
 * Where a release goes: {@code production-us-east-2}, shown as {@code prod-us}, whose images are tagged
 * {@code prod_us_<build>}.
 */
public record Environment(String name, String shortName, String destinationTagPrefix) {

    public Environment {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(shortName, "shortName");
        Objects.requireNonNull(destinationTagPrefix, "destinationTagPrefix");
    }
}
