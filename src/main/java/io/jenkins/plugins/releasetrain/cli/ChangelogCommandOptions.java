package io.jenkins.plugins.releasetrain.cli;

import io.jenkins.plugins.releasetrain.changelog.ChangelogOptions;
import io.jenkins.plugins.releasetrain.changelog.Changelogs;
import io.jenkins.plugins.releasetrain.changelog.CommitReferences;
import io.jenkins.plugins.releasetrain.changelog.ImageOrigins;
import io.jenkins.plugins.releasetrain.changelog.RegistryImageOrigins;
import io.jenkins.plugins.releasetrain.changelog.ReleaseChangelog;
import io.jenkins.plugins.releasetrain.changelog.RepositoryLocator;
import io.jenkins.plugins.releasetrain.gitops.GitAccess;
import io.jenkins.plugins.releasetrain.image.ImageRegistry;
import io.jenkins.plugins.releasetrain.image.Registries;
import io.jenkins.plugins.releasetrain.image.RegistryOptions;
import io.jenkins.plugins.releasetrain.plan.PlannedArtifact;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Option;

/**
 * {@code --changes} and where its commits come from. Repository locations are configuration, given here by
 * whoever runs the command; the manifest only names repositories.
 */
public final class ChangelogCommandOptions {

    @Option(
            names = "--changes",
            description = "Also list what each changed artifact contains: the commits between the live and the new"
                    + " commit (needs --repo-url-template or --repo-url), and for images with --registry the commit"
                    + " they were built from.")
    private boolean wanted;

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
            names = "--changelog-limit",
            paramLabel = "N",
            defaultValue = "50",
            description = "Commits listed per artifact; the rest are counted (default: ${DEFAULT-VALUE}).")
    private int limit;

    @Option(
            names = "--issue-pattern",
            paramLabel = "REGEX",
            defaultValue = CommitReferences.DEFAULT_ISSUE_PATTERN,
            description = "Issue keys to pick out of commit messages (default: ${DEFAULT-VALUE}).")
    private String issuePattern;

    @Option(
            names = "--registry",
            paramLabel = "REF",
            description = "With --changes: the registry to read image labels from (org.opencontainers.image.revision"
                    + " and .source).")
    private String registry;

    @Option(names = "--insecure", description = "Allow plain http for a HOST[:PORT] --registry.")
    private boolean insecure;

    @Option(
            names = "--docker-config",
            paramLabel = "FILE",
            description = "Docker config.json with registry credentials (default: $DOCKER_CONFIG or ~/.docker).")
    private Path dockerConfig;

    boolean wanted() {
        return wanted;
    }

    /**
     * The plan's changelog.
     *
     * @throws IllegalArgumentException when an option is invalid; its message is for the user
     */
    ReleaseChangelog changelog(List<PlannedArtifact> work, GitAccess access) throws IOException {
        return changelog(work, access, UnaryOperator.identity());
    }

    /**
     * As {@link #changelog(List, GitAccess)}, reading images through {@code images} applied to the registry's
     * reader.
     */
    ReleaseChangelog changelog(List<PlannedArtifact> work, GitAccess access, UnaryOperator<ImageOrigins> images)
            throws IOException {
        ChangelogOptions options = ChangelogOptions.defaults()
                .withLimit(limit)
                .withReferences(CommitReferences.withIssuePattern(issuePattern))
                .withBudget(ChangelogOptions.DEFAULT_BUDGET.plus(access.timeout()));
        RepositoryLocator locator = new RepositoryLocator(Optional.ofNullable(template), overrides);
        if (!locator.isConfigured()) {
            throw new IllegalArgumentException(
                    "--changes needs to know where repositories are: give --repo-url-template (such as"
                            + " https://git.example.com/acme/" + RepositoryLocator.PLACEHOLDER
                            + ".git) or --repo-url NAME=URL");
        }
        if (registry == null) {
            return changelogs(locator, access, options, images.apply(ImageOrigins.NONE))
                    .of(work);
        }
        try (ImageRegistry registryImages = Registries.open(
                registry, RegistryOptions.DEFAULTS.withInsecure(insecure).withDockerConfig(dockerConfig))) {
            return changelogs(locator, access, options, images.apply(new RegistryImageOrigins(registryImages)))
                    .of(work);
        }
    }

    private static Changelogs changelogs(
            RepositoryLocator locator, GitAccess access, ChangelogOptions options, ImageOrigins images) {
        return new Changelogs(locator, access, options, images, Clock.systemUTC());
    }
}
