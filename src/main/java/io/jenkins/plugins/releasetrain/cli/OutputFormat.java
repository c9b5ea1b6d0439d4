package io.jenkins.plugins.releasetrain.cli;

/** {@code --format}: tables and messages for people, or one JSON document for machines. */
public enum OutputFormat {
    text,
    json
}
