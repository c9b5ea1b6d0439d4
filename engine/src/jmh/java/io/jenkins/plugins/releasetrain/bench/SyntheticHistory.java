package io.jenkins.plugins.releasetrain.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.internal.storage.file.ObjectDirectory;
import org.eclipse.jgit.internal.storage.file.PackInserter;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TreeFormatter;

/**
 * A long infrastructure-repository history written straight into one pack (no porcelain, no loose
 * objects): 10,000 commits take about a second. Most commits change application files; every tenth
 * changes the staging manifest; every hundred commits a side branch changes the manifest three times
 * while main moves on, and is merged back, as pull requests are.
 */
final class SyntheticHistory {

    static final String MANIFEST = "releases/staging-us-east-2.yaml";
    private static final int PEOPLE = 20;

    /** What was built: the commit to query from, one {@code releasedBack} commits earlier, and the truth. */
    record Built(ObjectId head, ObjectId released, int commits, int manifestChanges, int manifestChangesSinceRelease) {}

    private final Repository repository;
    private final PackInserter inserter;
    private final ObjectId readme;
    private final ObjectId production;
    private long clock = Instant.parse("2020-01-01T00:00:00Z").getEpochSecond();
    private int manifestVersion;
    private int sourceVersion;

    private SyntheticHistory(Repository repository) throws IOException {
        this.repository = repository;
        this.inserter = ((ObjectDirectory) repository.getObjectDatabase()).newPackInserter();
        inserter.checkExisting(false);
        this.readme = blob("# infrastructure\n");
        this.production = blob("environment:\n  name: production-us-east-2\n");
    }

    /** Creates a repository of {@code commits} commits at {@code directory}, main at the last one. */
    static Built create(Path directory, int commits, int releasedBack) throws IOException, Exception {
        try (Git git = Git.init()
                .setBare(true)
                .setDirectory(directory.toFile())
                .setInitialBranch("main")
                .call()) {
            return new SyntheticHistory(git.getRepository()).build(commits, releasedBack);
        }
    }

    private Built build(int total, int releasedBack) throws IOException {
        ObjectId manifest = manifestBlob();
        ObjectId source = sourceBlob();
        ObjectId tip = commit(tree(manifest, source), "Initial layout", 0, new ObjectId[0]);
        int count = 1;
        int changes = 1;
        int changesSince = 0;
        ObjectId released = null;
        while (count < total) {
            if (released == null && count >= total - releasedBack) {
                released = tip;
                changesSince = 0;
            }
            if (count % 100 == 50 && count + 7 <= total) {
                ObjectId side = tip;
                ObjectId sideManifest = manifest;
                for (int k = 0; k < 3; k++) {
                    sideManifest = manifestBlob();
                    side = commit(tree(sideManifest, source), "staging: bump (pull request)", count + k, side);
                }
                for (int k = 0; k < 3; k++) {
                    source = sourceBlob();
                    tip = commit(tree(manifest, source), "app: change", count + 3 + k, tip);
                }
                manifest = sideManifest;
                tip = commit(tree(manifest, source), "Merge pull request", count + 6, tip, side);
                count += 7;
                changes += 3;
                changesSince += 3;
            } else if (count % 10 == 0) {
                manifest = manifestBlob();
                tip = commit(tree(manifest, source), "staging: bump", count, tip);
                count++;
                changes++;
                changesSince++;
            } else {
                source = sourceBlob();
                tip = commit(tree(manifest, source), "app: change", count, tip);
                count++;
            }
        }
        inserter.flush();
        inserter.close();
        point(Constants.R_HEADS + "main", tip);
        point(Constants.R_TAGS + "released", released);
        return new Built(tip, released, count, changes, changesSince);
    }

    private ObjectId manifestBlob() throws IOException {
        manifestVersion++;
        return blob("environment:\n  name: staging-us-east-2\nproducts:\n  - name: product1\n    releaseCandidate: "
                + manifestVersion + "\n");
    }

    private ObjectId sourceBlob() throws IOException {
        sourceVersion++;
        return blob("version " + sourceVersion + "\n");
    }

    private ObjectId blob(String text) throws IOException {
        return inserter.insert(Constants.OBJ_BLOB, text.getBytes(StandardCharsets.UTF_8));
    }

    private ObjectId tree(ObjectId manifest, ObjectId source) throws IOException {
        TreeFormatter releases = new TreeFormatter();
        releases.append("production-us-east-2.yaml", FileMode.REGULAR_FILE, production);
        releases.append("staging-us-east-2.yaml", FileMode.REGULAR_FILE, manifest);
        TreeFormatter src = new TreeFormatter();
        src.append("app.txt", FileMode.REGULAR_FILE, source);
        TreeFormatter root = new TreeFormatter();
        root.append("README.md", FileMode.REGULAR_FILE, readme);
        root.append("releases", FileMode.TREE, inserter.insert(releases));
        root.append("src", FileMode.TREE, inserter.insert(src));
        return inserter.insert(root);
    }

    private ObjectId commit(ObjectId tree, String summary, int index, ObjectId... parents) throws IOException {
        clock += 60;
        int who = index % PEOPLE;
        PersonIdent person = new PersonIdent(
                "Person " + who, "person" + who + "@example.com", Instant.ofEpochSecond(clock), ZoneOffset.UTC);
        CommitBuilder commit = new CommitBuilder();
        commit.setTreeId(tree);
        commit.setParentIds(parents);
        commit.setAuthor(person);
        commit.setCommitter(person);
        String trailer = index % 7 == 0 ? "\n\nCo-authored-by: Pair " + who + " <pair" + who + "@example.com>\n" : "\n";
        commit.setMessage(summary + " #" + index + trailer);
        return inserter.insert(commit);
    }

    private void point(String ref, ObjectId id) throws IOException {
        RefUpdate update = repository.updateRef(ref);
        update.setNewObjectId(id);
        update.forceUpdate();
    }
}
