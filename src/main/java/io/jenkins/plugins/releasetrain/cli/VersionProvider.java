package io.jenkins.plugins.releasetrain.cli;

import picocli.CommandLine.IVersionProvider;

/** The version recorded in the jar's manifest, or "development" when run from classes. */
public final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = ReleaseTrainCli.class.getPackage().getImplementationVersion();
        return new String[] {"release-train " + (version == null ? "development build" : version)};
    }
}
