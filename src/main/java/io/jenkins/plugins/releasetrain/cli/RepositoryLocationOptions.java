package io.jenkins.plugins.releasetrain.cli;

import io.jenkins.plugins.releasetrain.changelog.RepositoryConfig;
import io.jenkins.plugins.releasetrain.changelog.RepositoryLocator;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import picocli.CommandLine.Option;

/**
 * Where the repositories a manifest's {@code gitRepoName}s name are: configuration given by whoever runs the
 * command, never the manifest. What changelogs and the hotfix guard read commits from.
 */
public final class RepositoryLocationOptions {

    @Option(
            names = "--repo-url-template",
            paramLabel = "TEMPLATE",
            description = "Where each gitRepoName's repository is, e.g. https://git.example.com/acme/{gitRepoName}.git"
                    + " (a local path works too).")
    private String template;

    @Option(
            names = "--repo-url",
            paramLabel = "NAME=URL",
            description = "The repository of one gitRepoName, overriding the template; repeatable.")
    private Map<String, String> overrides = new LinkedHashMap<>();

    @Option(
            names = "--repo-config",
            paramLabel = "FILE",
            description = "A file with repositoryTemplate, repositories (NAME: URL), limit and issuePattern; the"
                    + " options above override it.")
    private Path config;

    /** The --repo-config file, read (empty when none was given). */
    RepositoryConfig file() {
        return config == null
                ? new RepositoryConfig(Optional.empty(), Map.of(), OptionalInt.empty(), Optional.empty())
                : RepositoryConfig.load(config);
    }

    /** The locator the options and {@code file} describe; {@link RepositoryLocator#isConfigured()} may be false. */
    RepositoryLocator locator(RepositoryConfig file) {
        Map<String, String> repositories = new LinkedHashMap<>(file.overrides());
        repositories.putAll(overrides);
        return new RepositoryLocator(Optional.ofNullable(template).or(file::template), repositories);
    }
}
