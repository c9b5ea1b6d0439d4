package io.jenkins.plugins.releasetrain.cli;

import io.jenkins.plugins.releasetrain.gitops.CredentialsReference;
import io.jenkins.plugins.releasetrain.gitops.GitAccess;
import io.jenkins.plugins.releasetrain.gitops.ManifestRepository;
import io.jenkins.plugins.releasetrain.gitops.RepositoryLocation;
import java.nio.file.Path;
import java.time.Duration;
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

    @Option(
            names = "--username",
            paramLabel = "NAME",
            description = "User name for https (default with --password-env: x-access-token).")
    private String username;

    @Option(
            names = "--password-env",
            paramLabel = "VARIABLE",
            description = "Name of the environment variable holding the https password or token.")
    private String passwordVariable;

    @Option(
            names = "--credentials-file",
            paramLabel = "FILE",
            description = "A git credential-store file (lines such as https://user:token@host).")
    private Path credentialsFile;

    @Option(names = "--ssh-key", paramLabel = "FILE", description = "Identity file for ssh URLs.")
    private Path sshKey;

    @Option(
            names = "--ssh-command",
            paramLabel = "PROGRAM",
            description = "OpenSSH client for ssh URLs (default: ssh).")
    private String sshCommand;

    @Option(
            names = "--cache",
            paramLabel = "DIR",
            description = "Where remote repositories are cached (default: ~/.cache/release-train/git).")
    private Path cache;

    @Option(
            names = "--timeout",
            paramLabel = "SECONDS",
            defaultValue = "60",
            description = "Longest a network operation may take (default: ${DEFAULT-VALUE}).")
    private int timeoutSeconds;

    RepositoryLocation location() {
        return RepositoryLocation.parse(repo);
    }

    GitAccess access() {
        return new GitAccess(
                new CredentialsReference(username, passwordVariable, credentialsFile, sshKey, sshCommand),
                System::getenv,
                cache != null ? cache : GitAccess.defaultCacheRoot(),
                Duration.ofSeconds(Math.max(1, timeoutSeconds)));
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
