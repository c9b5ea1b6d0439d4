package io.jenkins.plugins.releasetrain.cli;

import io.jenkins.plugins.releasetrain.changelog.ChangelogOptions;
import io.jenkins.plugins.releasetrain.changelog.Changelogs;
import io.jenkins.plugins.releasetrain.changelog.CommitReferences;
import io.jenkins.plugins.releasetrain.changelog.ImageOrigins;
import io.jenkins.plugins.releasetrain.changelog.RegistryImageOrigins;
import io.jenkins.plugins.releasetrain.changelog.ReleaseChangelog;
import io.jenkins.plugins.releasetrain.changelog.RepositoryConfig;
import io.jenkins.plugins.releasetrain.changelog.RepositoryLocator;
import io.jenkins.plugins.releasetrain.gitops.GitAccess;
import io.jenkins.plugins.releasetrain.image.ImageRegistry;
import io.jenkins.plugins.releasetrain.image.Registries;
import io.jenkins.plugins.releasetrain.image.RegistryOptions;
import io.jenkins.plugins.releasetrain.plan.PlannedArtifact;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Mixin;
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

    @Mixin
    private RepositoryLocationOptions locations;

    @Option(
            names = "--changelog-limit",
            paramLabel = "N",
            description = "Commits listed per artifact; the rest are counted (default: 50).")
    private Integer limit;

    @Option(
            names = "--issue-pattern",
            paramLabel = "REGEX",
            description = "Issue keys to pick out of commit messages (default: "
                    + CommitReferences.DEFAULT_ISSUE_PATTERN + ").")
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

    /** Whether a registry was named to read image labels from. */
    boolean readsRegistry() {
        return registry != null;
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
        if (registry == null) {
            return changelogs(access, images.apply(ImageOrigins.NONE)).of(work);
        }
        try (ImageRegistry registryImages = Registries.open(
                registry, RegistryOptions.DEFAULTS.withInsecure(insecure).withDockerConfig(dockerConfig))) {
            return changelogs(access, images.apply(new RegistryImageOrigins(registryImages)))
                    .of(work);
        }
    }

    /**
     * The changelog reader these options describe.
     *
     * @throws IllegalArgumentException when they say nowhere where repositories are, or an option is invalid
     */
    Changelogs changelogs(GitAccess access, ImageOrigins images) {
        RepositoryConfig file = locations.file();
        ChangelogOptions options = ChangelogOptions.defaults()
                .withLimit(limit != null ? limit : file.limit().orElse(ChangelogOptions.DEFAULT_LIMIT))
                .withReferences(CommitReferences.withIssuePattern(
                        issuePattern != null
                                ? issuePattern
                                : file.issuePattern().orElse(CommitReferences.DEFAULT_ISSUE_PATTERN)))
                .withBudget(ChangelogOptions.DEFAULT_BUDGET.plus(access.timeout()));
        RepositoryLocator locator = locations.locator(file);
        if (!locator.isConfigured()) {
            throw new IllegalArgumentException(
                    "--changes needs to know where repositories are: give --repo-url-template (such as"
                            + " https://git.example.com/acme/" + RepositoryLocator.PLACEHOLDER
                            + ".git), --repo-url NAME=URL or --repo-config FILE");
        }
        return new Changelogs(locator, access, options, images, Clock.systemUTC());
    }
}
