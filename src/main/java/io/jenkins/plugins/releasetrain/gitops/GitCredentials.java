package io.jenkins.plugins.releasetrain.gitops;

import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;

/**
 * Resolved credentials for one repository: a user and password (or token) for http(s), and for ssh the
 * identity file and client to use. Built from a {@link CredentialsReference}; {@link #toString()} and
 * every message built with {@link #redaction()} mask the secret.
 */
public final class GitCredentials {

    private final String username;
    private final char[] password;
    private final Path sshKey;
    private final String sshCommand;

    GitCredentials(String username, char[] password, Path sshKey, String sshCommand) {
        this.username = username;
        this.password = password == null ? null : password.clone();
        this.sshKey = sshKey;
        this.sshCommand = sshCommand;
    }

    /** No credentials: public repositories, local ones, or ssh with the user's own agent and keys. */
    public static GitCredentials none() {
        return new GitCredentials(null, null, null, "ssh");
    }

    public Optional<String> username() {
        return Optional.ofNullable(username);
    }

    public boolean hasPassword() {
        return password != null;
    }

    public Optional<Path> sshKey() {
        return Optional.ofNullable(sshKey);
    }

    /** The OpenSSH client (program name or path) that ssh URLs run. */
    public String sshCommand() {
        return sshCommand;
    }

    /** JGit's view of the user and password, or {@code null} when there is no password to give. */
    CredentialsProvider provider() {
        return password == null ? null : new UsernamePasswordCredentialsProvider(username, password.clone());
    }

    /** A redaction that also masks this password wherever it might be echoed. */
    public Redaction redaction() {
        return Redaction.URLS.alsoMasking(password);
    }

    @Override
    public String toString() {
        return "GitCredentials[username=" + username + ", password=" + (password == null ? "none" : Redaction.MASK)
                + ", sshKey=" + sshKey + "]";
    }
}
