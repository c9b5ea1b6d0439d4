package io.jenkins.plugins.releasetrain.gitops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.eclipse.jgit.api.FetchCommand;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.JGitInternalException;
import org.eclipse.jgit.errors.AmbiguousObjectException;
import org.eclipse.jgit.errors.NotSupportedException;
import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.TagOpt;

/**
 * A bare cache of a remote repository that fetches only what a question needs: the one branch or tag
 * asked for, one commit deep when only its files are read; the full history when authorship is asked;
 * every branch and tag only when the revision is a commit SHA the cache does not have yet. Refs are kept
 * under their remote names ({@code refs/heads/main}), so revisions resolve in the cache as on the remote.
 */
final class RemoteMirror {

    /** How much history a question needs. */
    enum History {
        /** The commit itself: reading files. */
        TIP,
        /** Everything before it: who changed what, renames, {@code main~3}. */
        FULL
    }

    private final Repository cache;
    private final RepositoryLocation location;
    private final GitAccess access;
    private Map<String, Ref> advertised;

    RemoteMirror(Repository cache, RepositoryLocation location, GitAccess access) {
        this.cache = cache;
        this.location = location;
        this.access = access;
    }

    static Repository openCache(RepositoryLocation location, Path cacheRoot) throws IOException {
        Path directory = cacheRoot.resolve(cacheName(location));
        Files.createDirectories(cacheRoot);
        Repository repository = new FileRepositoryBuilder()
                .setGitDir(directory.toFile())
                .setBare()
                .build();
        if (!repository.getObjectDatabase().exists()) {
            repository.create(true);
        }
        return repository;
    }

    /** A readable, collision-free directory name: host and path, then a hash of the URL without credentials. */
    static String cacheName(RepositoryLocation location) {
        String url = location.anonymousUrl();
        String readable =
                (location.uri().getHost() == null ? "" : location.uri().getHost() + "-")
                        + location.uri().getPath();
        readable = readable.toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9._-]+", "-")
                .replaceAll("^-+|-+$", "");
        if (readable.length() > 60) {
            readable = readable.substring(readable.length() - 60);
        }
        return readable + "-" + sha256(url).substring(0, 16) + ".git";
    }

    /** Fetches what resolving {@code revision} and answering at {@code history} depth needs. */
    void fetchFor(String revision, History history) {
        String base = Revisions.baseName(revision.strip());
        History needed = Revisions.navigates(revision.strip()) ? History.FULL : history;
        Optional<String> ref = advertisedRef(base);
        if (ref.isPresent()) {
            String name = ref.get();
            fetch(List.of(new RefSpec("+" + name + ":" + name)), needed);
            if (Constants.HEAD.equals(base)) {
                linkHead(name);
            }
            return;
        }
        if (Revisions.HEX.matcher(base).matches()) {
            if (hasCommit(base) && (needed == History.TIP || !isShallow())) {
                return;
            }
            fetch(
                    List.of(new RefSpec("+refs/heads/*:refs/heads/*"), new RefSpec("+refs/tags/*:refs/tags/*")),
                    History.FULL);
            return;
        }
        throw Revisions.unknown(revision, location.display(), names(Constants.R_HEADS), names(Constants.R_TAGS));
    }

    /** Fetches {@code refs/heads/<branch>} as it is on the remote now; false when the remote has no such branch. */
    boolean fetchBranch(String branch, History history) {
        advertised = null;
        String name = Constants.R_HEADS + branch;
        if (!advertised().containsKey(name)) {
            return false;
        }
        fetch(List.of(new RefSpec("+" + name + ":" + name)), history);
        return true;
    }

    /** The branch the remote's HEAD points at, when it says. */
    Optional<String> defaultBranch() {
        return advertisedRef(Constants.HEAD)
                .filter(name -> name.startsWith(Constants.R_HEADS))
                .map(name -> name.substring(Constants.R_HEADS.length()));
    }

    private Optional<String> advertisedRef(String name) {
        Map<String, Ref> refs = advertised();
        if (Constants.HEAD.equals(name)) {
            Ref head = refs.get(Constants.HEAD);
            if (head == null) {
                return Optional.empty();
            }
            if (head.isSymbolic()) {
                return Optional.of(head.getTarget().getName());
            }
            ObjectId id = head.getObjectId();
            return refs.values().stream()
                    .filter(r -> r.getName().startsWith(Constants.R_HEADS) && id != null && id.equals(r.getObjectId()))
                    .map(Ref::getName)
                    .sorted((a, b) -> Integer.compare(preference(a), preference(b)))
                    .findFirst();
        }
        for (String candidate :
                List.of(name, Constants.R_REFS + name, Constants.R_TAGS + name, Constants.R_HEADS + name)) {
            if (candidate.startsWith(Constants.R_REFS) && refs.containsKey(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static int preference(String ref) {
        return switch (ref) {
            case "refs/heads/main" -> 0;
            case "refs/heads/master" -> 1;
            default -> 2;
        };
    }

    private Map<String, Ref> advertised() {
        if (advertised == null) {
            try {
                advertised = access.configure(Git.lsRemoteRepository().setRemote(location.url()), location)
                        .callAsMap();
            } catch (GitAPIException | JGitInternalException e) {
                throw TransportFailures.of("list the branches of", location, access, e);
            }
        }
        return advertised;
    }

    private List<String> names(String prefix) {
        return advertised().keySet().stream()
                .filter(name -> name.startsWith(prefix) && !name.endsWith("^{}"))
                .map(name -> name.substring(prefix.length()))
                .sorted()
                .toList();
    }

    private void fetch(List<RefSpec> specs, History history) {
        boolean shallow = isShallow();
        FetchCommand fetch = Git.wrap(cache)
                .fetch()
                .setRemote(location.url())
                .setRefSpecs(specs)
                .setTagOpt(TagOpt.NO_TAGS);
        boolean depthLimited = history == History.TIP && (shallow || !hasRefs());
        if (depthLimited) {
            fetch.setDepth(1);
        } else if (history == History.FULL && shallow) {
            fetch.setUnshallow(true);
        }
        try {
            access.configure(fetch, location).call();
        } catch (GitAPIException | JGitInternalException e) {
            if (depthLimited && refusesShallow(e)) {
                fetch(specs, History.FULL);
                return;
            }
            throw TransportFailures.of("fetch from", location, access, e);
        }
        requireWithinBound();
    }

    /**
     * Undoes a fetch that left the cache larger than {@link GitAccess#maxCacheBytes()}: the cache is deleted
     * (it is rebuilt on the next question) and the question fails saying why.
     */
    private void requireWithinBound() {
        Path directory = cache.getDirectory().toPath();
        long size;
        try (Stream<Path> files = Files.walk(directory)) {
            size = files.filter(Files::isRegularFile)
                    .mapToLong(RemoteMirror::sizeOf)
                    .sum();
        } catch (IOException | UncheckedIOException e) {
            return; // unreadable sizes do not block the answer; the next fetch checks again
        }
        if (size <= access.maxCacheBytes()) {
            return;
        }
        cache.close();
        deleteQuietly(directory);
        throw new RepositoryAccessException(
                "the history of " + location.display() + " takes " + sizeText(size) + ", more than the "
                        + sizeText(access.maxCacheBytes()) + " a repository's cache may hold",
                "check that this is the repository meant; its cache was removed");
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sizeText(long bytes) {
        if (bytes >= 1024 * 1024) {
            return bytes / (1024 * 1024) + " MiB";
        }
        return bytes >= 1024 ? bytes / 1024 + " KiB" : bytes + " bytes";
    }

    private static void deleteQuietly(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path path : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException | UncheckedIOException e) {
            // a cache left behind is read again, and checked again, on the next fetch
        }
    }

    /** A server or transport that cannot send part of the history (a "dumb" http server): fetch it all. */
    private static boolean refusesShallow(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            String message = String.valueOf(cause.getMessage()).toLowerCase(Locale.ROOT);
            if (cause instanceof NotSupportedException || message.contains("shallow") || message.contains("depth")) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    private boolean hasCommit(String hex) {
        try {
            return cache.resolve(hex + "^{commit}") != null;
        } catch (AmbiguousObjectException e) {
            return true; // several objects share the prefix: resolving it will say so
        } catch (IOException | RevisionSyntaxException e) {
            return false;
        }
    }

    private boolean hasRefs() {
        try {
            return cache.getRefDatabase().hasRefs();
        } catch (IOException e) {
            return false;
        }
    }

    boolean isShallow() {
        try {
            return !cache.getObjectDatabase().getShallowCommits().isEmpty();
        } catch (IOException e) {
            return true;
        }
    }

    private void linkHead(String target) {
        try {
            RefUpdate head = cache.updateRef(Constants.HEAD);
            head.link(target);
        } catch (IOException e) {
            throw new RepositoryAccessException(
                    "cannot update the cache of " + location.display() + ": " + e.getMessage(),
                    "delete the cache directory " + cache.getDirectory() + "; it is rebuilt on the next run",
                    e);
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }
}
