package io.jenkins.plugins.releasetrain.cli;

/**
 * {@code --format}: tables and messages for people, one JSON document for machines, or Markdown for a pull
 * request or chat message (only where a command says it offers it).
 */
public enum OutputFormat {
    text,
    json,
    markdown
}
