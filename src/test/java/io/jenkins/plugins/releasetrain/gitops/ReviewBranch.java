package io.jenkins.plugins.releasetrain.gitops;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * The promotion branch a command left in a repository: its name, its commit's message, and its files.
 *
 * @param workTree whether {@code repository} is a working tree (else a bare repository)
 */
public record ReviewBranch(Path repository, boolean workTree, String name, String commit, String message) {

    /** The first {@code release-train/} branch of the repository. */
    public static ReviewBranch in(Path repository, boolean workTree) throws IOException {
        try (Repository opened = open(repository, workTree);
                RevWalk walk = new RevWalk(opened)) {
            String branch = opened.getRefDatabase()
                    .getRefsByPrefix("refs/heads/release-train/")
                    .get(0)
                    .getName();
            RevCommit commit = walk.parseCommit(opened.resolve(branch));
            return new ReviewBranch(repository, workTree, branch, commit.name(), commit.getFullMessage());
        }
    }

    /** {@code path} as the branch's commit has it. */
    public String file(String path) throws IOException {
        try (Repository opened = open(repository, workTree);
                RevWalk walk = new RevWalk(opened);
                TreeWalk file = TreeWalk.forPath(
                        opened,
                        path,
                        walk.parseCommit(ObjectId.fromString(commit)).getTree())) {
            return new String(opened.open(file.getObjectId(0)).getBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Repository open(Path repository, boolean workTree) throws IOException {
        FileRepositoryBuilder builder = new FileRepositoryBuilder().setMustExist(true);
        return (workTree ? builder.setWorkTree(repository.toFile()) : builder.setGitDir(repository.toFile())).build();
    }
}
