package io.jenkins.plugins.releasetrain.gitops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.MergeCommand;
import org.eclipse.jgit.api.MergeResult;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.transport.RefSpec;

/**
 * A real git repository with a working tree that a test writes history into, person by person: the
 * fixture of the gitops tests. Optionally pushes to a bare "remote" next to it.
 */
public final class TestRepository implements AutoCloseable {

    public static final Identity ALICE = new Identity("Alice Author", "alice@example.com");
    public static final Identity BOB = new Identity("Bob Builder", "bob@example.com");
    public static final Identity CAROL = new Identity("Carol Committer", "carol@example.com");
    public static final Identity DAVE = new Identity("Dave Merger", "dave@example.com");

    private final Git git;
    private final Path directory;

    private TestRepository(Git git, Path directory) {
        this.git = git;
        this.directory = directory;
    }

    public static TestRepository init(Path directory) {
        try {
            return new TestRepository(
                    Git.init()
                            .setDirectory(directory.toFile())
                            .setInitialBranch("main")
                            .call(),
                    directory);
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A bare repository at {@code directory} with this one's branches and tags pushed to it. */
    public Path pushTo(Path bare) {
        try {
            if (!Files.exists(bare)) {
                Git.init()
                        .setBare(true)
                        .setDirectory(bare.toFile())
                        .setInitialBranch("main")
                        .call()
                        .close();
            }
            git.push()
                    .setRemote(bare.toUri().toString())
                    .setRefSpecs(new RefSpec("+refs/heads/*:refs/heads/*"), new RefSpec("+refs/tags/*:refs/tags/*"))
                    .call();
            return bare;
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    public Path directory() {
        return directory;
    }

    public Repository repository() {
        return git.getRepository();
    }

    public Git git() {
        return git;
    }

    public RevCommit commit(String message, Identity author, Map<String, String> files) {
        return commit(message, author, author, files);
    }

    public RevCommit commit(String message, Identity author, Identity committer, Map<String, String> files) {
        files.forEach(this::write);
        return commitStaged(message, author, committer);
    }

    public RevCommit rename(String message, Identity author, String from, String to) {
        try {
            Path target = directory.resolve(to);
            Files.createDirectories(target.getParent());
            Files.move(directory.resolve(from), target);
            git.rm().addFilepattern(from).call();
            git.add().addFilepattern(to).call();
            return commitStaged(message, author, author);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    public void branch(String name) {
        try {
            git.branchCreate().setName(name).call();
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    public void checkout(String name) {
        try {
            git.checkout().setName(name).call();
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    public void tag(String name) {
        try {
            git.tag()
                    .setName(name)
                    .setAnnotated(true)
                    .setMessage(name)
                    .setTagger(person(ALICE))
                    .call();
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A merge commit of {@code branch} into the current branch, even when a fast-forward was possible. */
    public RevCommit merge(String branch, Identity merger, String message) {
        try {
            MergeResult result = git.merge()
                    .include(repository().resolve(branch))
                    .setFastForward(MergeCommand.FastForwardMode.NO_FF)
                    .setCommit(false)
                    .call();
            if (result.getMergeStatus() == MergeResult.MergeStatus.CONFLICTING) {
                throw new IllegalStateException("conflict merging " + branch + ": resolve with mergeResolving");
            }
            return commitStaged(message, merger, merger);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Merges {@code branch} expecting a conflict, and commits {@code resolution} as the merge result. */
    public RevCommit mergeResolving(String branch, Identity merger, Map<String, String> resolution) {
        try {
            MergeResult result = git.merge()
                    .include(repository().resolve(branch))
                    .setFastForward(MergeCommand.FastForwardMode.NO_FF)
                    .setCommit(false)
                    .call();
            if (result.getMergeStatus() != MergeResult.MergeStatus.CONFLICTING) {
                throw new IllegalStateException("expected a conflict merging " + branch);
            }
            resolution.forEach(this::write);
            return commitStaged("Merge " + branch, merger, merger);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    private void write(String path, String content) {
        try {
            Path file = directory.resolve(path);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8);
            git.add().addFilepattern(path).call();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    private RevCommit commitStaged(String message, Identity author, Identity committer) {
        try {
            return git.commit()
                    .setMessage(message)
                    .setAuthor(person(author))
                    .setCommitter(person(committer))
                    .setSign(false)
                    .call();
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    public static PersonIdent person(Identity identity) {
        return new PersonIdent(identity.name(), identity.email());
    }

    @Override
    public void close() {
        git.close();
    }
}
