package io.jenkins.plugins.releasetrain.gitops;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.eclipse.jgit.transport.URIish;

/**
 * Where the secrets for a repository are, never the secrets themselves, so that command lines, Pipeline
 * scripts and logs only ever show names:
 *
 * <ul>
 *   <li>{@code passwordVariable}: the name of an environment variable holding the password or token (with
 *       {@code username}, default {@code x-access-token}, the user name hosting services accept with a token);
 *   <li>{@code credentialsFile}: a file in git's credential-store format ({@code https://user:token@host}
 *       per line, as {@code git credential-store} writes {@code ~/.git-credentials}); the line whose scheme,
 *       host and path prefix match the repository is used;
 *   <li>{@code sshKey} and {@code sshCommand}: the identity file and OpenSSH client for ssh URLs.
 * </ul>
 */
public record CredentialsReference(
        String username, String passwordVariable, Path credentialsFile, Path sshKey, String sshCommand) {

    static final String TOKEN_USER = "x-access-token";

    public static CredentialsReference none() {
        return new CredentialsReference(null, null, null, null, null);
    }

    /**
     * Looks the secrets for {@code location} up; {@code environment} maps a variable name to its value
     * (normally {@code System::getenv}). A local path needs none: the credentials file is then not read.
     */
    public GitCredentials resolve(RepositoryLocation location, UnaryOperator<String> environment) {
        Objects.requireNonNull(location, "location");
        if (passwordVariable != null && credentialsFile != null) {
            throw new CredentialsException("both --password-env and --credentials-file are given", "keep one of them");
        }
        String ssh = sshCommand == null || sshCommand.isBlank() ? "ssh" : sshCommand;
        if (passwordVariable != null) {
            String value = environment.apply(passwordVariable);
            if (value == null || value.isEmpty()) {
                throw new CredentialsException(
                        "the environment variable " + passwordVariable + " (named by --password-env) is not set",
                        "export " + passwordVariable + " with the token or password before running the command");
            }
            return new GitCredentials(username == null ? TOKEN_USER : username, value.toCharArray(), sshKey, ssh);
        }
        if (credentialsFile != null && location.isRemote()) {
            return fromFile(location, ssh);
        }
        return new GitCredentials(username, null, sshKey, ssh);
    }

    private GitCredentials fromFile(RepositoryLocation location, String ssh) {
        List<String> lines;
        try {
            lines = Files.readAllLines(credentialsFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CredentialsException(
                    "cannot read the credentials file " + credentialsFile + ": "
                            + e.getClass().getSimpleName(),
                    "give a readable file with lines such as https://user:token@host");
        }
        URIish target = location.uri();
        for (String line : lines) {
            Optional<URIish> entry = entry(line.strip());
            if (entry.isPresent() && matches(entry.get(), target)) {
                // URIish has already undone the %-escapes of the user and password.
                String user = entry.get().getUser();
                String pass = entry.get().getPass();
                return new GitCredentials(
                        username != null ? username : user, pass == null ? null : pass.toCharArray(), sshKey, ssh);
            }
        }
        throw new CredentialsException(
                "the credentials file " + credentialsFile + " has no entry for " + target.getScheme() + "://"
                        + target.getHost(),
                "add a line " + target.getScheme() + "://USER:TOKEN@" + target.getHost() + " to the file");
    }

    private static Optional<URIish> entry(String line) {
        if (line.isEmpty() || line.startsWith("#") || !line.contains("://")) {
            return Optional.empty();
        }
        try {
            URIish uri = new URIish(line);
            return uri.getPass() == null ? Optional.empty() : Optional.of(uri);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    private static boolean matches(URIish entry, URIish target) {
        String entryPath = entry.getPath() == null ? "" : entry.getPath().replaceAll("/+$", "");
        String targetPath = target.getPath() == null ? "" : target.getPath();
        return Objects.equals(lower(entry.getScheme()), lower(target.getScheme()))
                && Objects.equals(lower(entry.getHost()), lower(target.getHost()))
                && entry.getPort() == target.getPort()
                && (entryPath.isEmpty() || targetPath.equals(entryPath) || targetPath.startsWith(entryPath + "/"));
    }

    private static String lower(String text) {
        return text == null ? null : text.toLowerCase(Locale.ROOT);
    }
}
