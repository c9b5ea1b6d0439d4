package io.jenkins.plugins.releasetrain.cli;

import io.jenkins.plugins.releasetrain.gitops.GitAccess;
import io.jenkins.plugins.releasetrain.gitops.ManifestRepository;
import io.jenkins.plugins.releasetrain.gitops.RepositoryLocation;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options of every command that reads a git repository: where it is, and where its secrets are. No
 * option takes a secret itself, so none can end up in shell history, process lists or build logs.
 */
public final class GitRepositoryOptions {

    @Option(
            names = "--repo",
            required = true,
            paramLabel = "URL|PATH",
            description = "The repository: a local clone or bare repository, or a URL (https://, ssh://,"
                    + " git@host:path, file://).")
    private String repo;

    @Mixin
    private GitAccessOptions access;

    RepositoryLocation location() {
        return RepositoryLocation.parse(repo);
    }

    GitAccess access() {
        return access.access();
    }

    /** Opens the repository, warning on stderr when a password was written into the URL. */
    ManifestRepository open(Terminal terminal) {
        RepositoryLocation location = location();
        if (location.isRemote() && !location.display().equals(repo.strip())) {
            terminal.err()
                    .println(terminal.yellow("warning: credentials written into --repo are visible in process lists"
                            + " and shell history; use --password-env or --credentials-file"));
        }
        return ManifestRepository.open(location, access());
    }
}
