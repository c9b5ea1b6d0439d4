package io.jenkins.plugins.releasetrain.manifest;

import java.util.Objects;

/** A parsed manifest file: its name as the user gave it, its decoded text and its tree. */
public record YamlDocument(String sourceName, String text, YamlNode root) {

    public YamlDocument {
        Objects.requireNonNull(sourceName, "sourceName");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(root, "root");
    }
}
