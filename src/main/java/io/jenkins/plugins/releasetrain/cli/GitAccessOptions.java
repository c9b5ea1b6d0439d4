package io.jenkins.plugins.releasetrain.cli;

import io.jenkins.plugins.releasetrain.gitops.CredentialsReference;
import io.jenkins.plugins.releasetrain.gitops.GitAccess;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * How to reach remote git repositories: where their secrets are (never the secrets themselves, so none can
 * end up in shell history, process lists or build logs), where their caches live, and how long a network
 * operation may take.
 */
public final class GitAccessOptions {

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

    GitAccess access() {
        return new GitAccess(
                new CredentialsReference(username, passwordVariable, credentialsFile, sshKey, sshCommand),
                System::getenv,
                cache != null ? cache : GitAccess.defaultCacheRoot(),
                Duration.ofSeconds(Math.max(1, timeoutSeconds)));
    }
}
