package io.jenkins.plugins.releasetrain.manifest;

/** How bad a finding is: an error stops the release, a warning is shown and the release goes on. */
public enum Severity {
    ERROR,
    WARNING;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
