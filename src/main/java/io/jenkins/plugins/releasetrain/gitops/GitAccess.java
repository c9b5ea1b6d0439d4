package io.jenkins.plugins.releasetrain.gitops;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.eclipse.jgit.api.TransportCommand;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.SshTransport;
import org.eclipse.jgit.transport.Transport;

/**
 * How to reach remote repositories: where their secrets are (by reference, resolved at the moment of each
 * network operation and for the URL it goes to), where the bare caches of remote repositories live, and
 * how long a network operation may take.
 *
 * @param credentials where the secrets are
 * @param environment looks up the variables {@code credentials} names; {@code System::getenv} on a command
 *     line, a map of injected secrets in Jenkins
 * @param cacheRoot directory under which each remote repository gets its own bare cache
 * @param timeout the longest any one network operation may take
 * @param maxCacheBytes the most one repository's cache may hold; a fetch that leaves more is undone (the cache is
 *     deleted) and reported, so that a huge or hostile repository cannot fill the disk run after run
 */
public record GitAccess(
        CredentialsReference credentials,
        UnaryOperator<String> environment,
        Path cacheRoot,
        Duration timeout,
        long maxCacheBytes) {

    /** Two gigabytes: far more than the history of any source repository a release deploys. */
    public static final long DEFAULT_MAX_CACHE_BYTES = 2L * 1024 * 1024 * 1024;

    public GitAccess(
            CredentialsReference credentials, UnaryOperator<String> environment, Path cacheRoot, Duration timeout) {
        this(credentials, environment, cacheRoot, timeout, DEFAULT_MAX_CACHE_BYTES);
    }

    public GitAccess {
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(cacheRoot, "cacheRoot");
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the network timeout must be positive: " + timeout);
        }
        if (maxCacheBytes < 1) {
            throw new IllegalArgumentException("the cache bound must be positive: " + maxCacheBytes);
        }
    }

    /** The same access, keeping at most {@code bytes} per repository's cache. */
    public GitAccess withMaxCacheBytes(long bytes) {
        return new GitAccess(credentials, environment, cacheRoot, timeout, bytes);
    }

    /** No credentials (public or local repositories) and a one-minute timeout. */
    public static GitAccess anonymous(Path cacheRoot) {
        return new GitAccess(CredentialsReference.none(), name -> null, cacheRoot, Duration.ofMinutes(1));
    }

    /** {@code $XDG_CACHE_HOME/release-train/git}, else {@code ~/.cache/release-train/git}. */
    public static Path defaultCacheRoot() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("release-train").resolve("git");
    }

    /** The credentials for one repository, looked up now. */
    public GitCredentials credentialsFor(RepositoryLocation location) {
        return credentials.resolve(location, environment);
    }

    /** A redaction masking URL credentials and the secret that {@code location} would use. */
    Redaction redactionFor(RepositoryLocation location) {
        try {
            return credentialsFor(location).redaction();
        } catch (CredentialsException e) {
            return Redaction.URLS;
        }
    }

    /** Applies credentials, timeout and the ssh client to one JGit network command going to {@code location}. */
    <C extends TransportCommand<C, ?>> C configure(C command, RepositoryLocation location) {
        GitCredentials resolved = credentialsFor(location);
        int seconds = (int) Math.max(1, timeout.toSeconds());
        command.setTimeout(seconds);
        CredentialsProvider provider = resolved.provider();
        if (provider != null) {
            command.setCredentialsProvider(provider);
        }
        return command.setTransportConfigCallback(transport -> configure(transport, resolved, seconds));
    }

    private static void configure(Transport transport, GitCredentials resolved, int seconds) {
        transport.setTimeout(seconds);
        if (transport instanceof SshTransport ssh) {
            ssh.setSshSessionFactory(new OpenSshSessionFactory(
                    resolved.sshCommand(), resolved.sshKey().orElse(null)));
        }
    }
}
