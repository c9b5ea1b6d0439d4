package io.jenkins.plugins.releasetrain.gitops;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;
import org.eclipse.jgit.transport.URIish;

/**
 * Where a repository is: a local directory (a clone or a bare repository, read in place) or a remote URL
 * ({@code https://}, {@code ssh://}, {@code git@host:path}, {@code git://}, {@code file://}), read through a
 * bare cache. {@link #toString()} and {@link #display()} never show credentials written into the URL.
 */
public final class RepositoryLocation {

    private static final Pattern URL = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*://.*");
    private static final Pattern SCP_LIKE = Pattern.compile("[^/@:\\s]+@[^/:\\s]+:.+|[^/@:\\s]{2,}:[^/\\\\].*");

    private final String spec;
    private final Path localPath;
    private final URIish uri;

    private RepositoryLocation(String spec, Path localPath, URIish uri) {
        this.spec = spec;
        this.localPath = localPath;
        this.uri = uri;
    }

    /**
     * A URL when {@code spec} has a scheme or reads as {@code user@host:path}; otherwise a local path,
     * relative to the working directory.
     */
    public static RepositoryLocation parse(String spec) {
        Objects.requireNonNull(spec, "spec");
        String trimmed = spec.strip();
        if (trimmed.isEmpty()) {
            throw new RepositoryAccessException(
                    "no repository given", "give --repo a local path or a URL such as https://host/org/infra.git");
        }
        boolean url = URL.matcher(trimmed).matches()
                || (SCP_LIKE.matcher(trimmed).matches() && !Files.exists(Path.of(trimmed)));
        if (!url) {
            return new RepositoryLocation(trimmed, Path.of(trimmed), null);
        }
        try {
            return new RepositoryLocation(trimmed, null, new URIish(trimmed));
        } catch (URISyntaxException e) {
            throw new RepositoryAccessException(
                    "'" + Redaction.urls(trimmed) + "' is not a repository URL git understands",
                    "write it as https://host/org/repo.git, ssh://git@host/org/repo.git or git@host:org/repo.git");
        }
    }

    public static RepositoryLocation local(Path path) {
        return new RepositoryLocation(path.toString(), path, null);
    }

    public boolean isRemote() {
        return uri != null;
    }

    /** The directory of a local repository; only for {@link #isRemote() local} locations. */
    public Path localPath() {
        if (localPath == null) {
            throw new IllegalStateException("a remote repository has no local path: " + display());
        }
        return localPath;
    }

    /** How messages name the repository: as given, with any credentials masked. */
    public String display() {
        return Redaction.urls(spec);
    }

    /** The URL as given, credentials included; for the transport only, never for messages. */
    String url() {
        return spec;
    }

    URIish uri() {
        return uri;
    }

    /** The URL without user or password: what identifies the repository in a cache directory name. */
    String anonymousUrl() {
        return uri.setUser(null).setPass(null).toString();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RepositoryLocation that && spec.equals(that.spec);
    }

    @Override
    public int hashCode() {
        return spec.hashCode();
    }

    @Override
    public String toString() {
        return display();
    }
}
