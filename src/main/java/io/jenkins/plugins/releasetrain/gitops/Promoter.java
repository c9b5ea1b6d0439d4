package io.jenkins.plugins.releasetrain.gitops;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEditor;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.UserConfig;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Writes a promotion into git in three steps a caller can stop between: {@link #prepare} reads both
 * manifests at the base branch and edits the target ({@link ManifestPromotion}); {@link #commit} records
 * the edited file as one commit on a review branch (refusing protected branches); {@link #push} sends it,
 * and when the remote branch moved meanwhile, rebases onto it once (only if the target manifest still
 * comes out as the same release) and tries again, then gives up with a clear error.
 *
 * <p>Everything happens in git's object database: no working tree is read or written.
 */
public final class Promoter {

    /** Where a remote repository's cache keeps promotion commits until they are pushed. */
    static final String CACHE_REF_PREFIX = "refs/release-train/promotions/";

    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final ManifestRepository repository;

    public Promoter(ManifestRepository repository) {
        this.repository = repository;
    }

    /**
     * Reads {@code request.from()}'s and {@code request.to()}'s manifests at the same commit of the base
     * branch and computes the edited target manifest.
     */
    public PreparedPromotion prepare(PromotionRequest request) {
        String base = request.base()
                .or(repository::defaultBranch)
                .orElseThrow(() -> new UnknownRevisionException(
                        "HEAD",
                        "cannot tell which branch of " + repository.location().display() + " to promote on",
                        "give the branch with --base, such as --base main"));
        String sourcePath = request.paths().pathFor(request.from());
        String targetPath = request.paths().pathFor(request.to());
        // One resolution for both reads, so both manifests come from the same commit.
        ObjectId commit = repository.commitOf(base, RemoteMirror.History.TIP);
        ManifestAtRevision source = repository.load(base, repository.fileAt(commit, sourcePath, base));
        ManifestAtRevision target = repository.load(base, repository.fileAt(commit, targetPath, base));
        checkEnvironment(source, request.from());
        checkEnvironment(target, request.to());
        Promotion promotion = ManifestPromotion.of(source.manifest(), target.manifest(), request.artifacts());
        String diff = UnifiedDiff.of(targetPath, promotion.originalText(), promotion.promotedText());
        return new PreparedPromotion(base, commit.name(), source, target, promotion, diff);
    }

    private static void checkEnvironment(ManifestAtRevision manifest, String expected) {
        String declared = manifest.release().environment().name();
        if (!declared.equals(expected)) {
            throw new PromotionNotPossibleException(
                    manifest.manifest().sourceName() + " declares environment '" + declared + "', not '" + expected
                            + "'",
                    "check --from, --to and --path-pattern, or the environment.name of the file");
        }
    }

    /** Commits the prepared promotion on its branch (here; nothing is sent anywhere yet). */
    public CommittedPromotion commit(PreparedPromotion prepared, CommitOptions options) {
        if (prepared.changesNothing()) {
            throw new IllegalArgumentException(
                    "nothing to commit: " + prepared.target().path() + " already matches");
        }
        Promotion promotion = prepared.promotion();
        String branch = options.branch().orElseGet(() -> defaultBranchName(promotion));
        checkBranch(branch, options);
        Identity author = options.author().orElseGet(this::configuredIdentity);
        String message =
                PromotionMessage.of(promotion, prepared.target().path(), options.approvedBy(), options.changes());
        Repository git = repository.repository();
        ObjectId base = ObjectId.fromString(prepared.baseCommit());
        ManifestFile original = repository.fileAt(base, prepared.target().path(), prepared.base());
        byte[] content = encode(promotion.promotedText(), original.content());
        ObjectId commit;
        try (ObjectInserter inserter = git.newObjectInserter();
                RevWalk walk = new RevWalk(git)) {
            RevCommit parent = walk.parseCommit(base);
            ObjectId blob = inserter.insert(Constants.OBJ_BLOB, content);
            ObjectId tree = replaceFile(git, inserter, parent, original.path(), blob, original.mode());
            PersonIdent person = new PersonIdent(author.name(), author.email(), Instant.now(), ZoneOffset.UTC);
            commit = insertCommit(inserter, tree, parent, person, person, message);
        } catch (IOException e) {
            throw new RepositoryAccessException(
                    "cannot write the promotion commit in "
                            + repository.location().display() + ": " + e.getMessage(),
                    "check that the repository (or its cache) is writable",
                    e);
        }
        String localRef = recordLocally(branch, base, commit);
        return new CommittedPromotion(prepared, branch, commit.name(), message, localRef);
    }

    /**
     * Pushes the committed promotion to its branch on the remote: the repository's URL, or for a local
     * repository the remote named {@code remoteName} ({@code origin}). When the branch moved meanwhile, the
     * promotion is rebased onto it once (see {@link PromotionPush}).
     *
     * @throws PushRejectedException when the remote refuses it, after one rebase for a moved branch
     */
    public PushedPromotion push(CommittedPromotion committed, String remoteName) {
        return new PromotionPush(repository).push(committed, remoteName);
    }

    // --- commit ---------------------------------------------------------------------------------------

    private static String defaultBranchName(Promotion promotion) {
        return "release-train/" + promotion.toEnvironment() + "-"
                + promotion.after().id().shortForm();
    }

    private void checkBranch(String branch, CommitOptions options) {
        if (!Repository.isValidRefName(Constants.R_HEADS + branch)) {
            throw new PromotionNotPossibleException(
                    "'" + branch + "' is not a valid branch name", "use letters, digits, '/', '-', '_' and '.'");
        }
        Optional<String> protecting = options.protection().protectingPattern(branch);
        if (protecting.isPresent() && !options.allowProtected()) {
            throw new ProtectedBranchException(branch, protecting.get());
        }
    }

    private Identity configuredIdentity() {
        UserConfig user = repository.repository().getConfig().get(UserConfig.KEY);
        if (user.isAuthorNameImplicit() || user.isAuthorEmailImplicit()) {
            throw new PromotionNotPossibleException(
                    "no author for the promotion commit: git has no user.name and user.email here",
                    "pass --author 'Name <email>', or set git config --global user.name and user.email");
        }
        return new Identity(user.getAuthorName(), user.getAuthorEmail());
    }

    /** The promoted text as bytes, with a byte order mark again if the original file had one. */
    private static byte[] encode(String text, byte[] original) {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        boolean bom = original.length >= 3
                && original[0] == UTF8_BOM[0]
                && original[1] == UTF8_BOM[1]
                && original[2] == UTF8_BOM[2];
        if (!bom) {
            return body;
        }
        byte[] withBom = new byte[body.length + 3];
        System.arraycopy(UTF8_BOM, 0, withBom, 0, 3);
        System.arraycopy(body, 0, withBom, 3, body.length);
        return withBom;
    }

    /** The parent's tree with the file at {@code path} replaced, built in memory (no index, no checkout). */
    private static ObjectId replaceFile(
            Repository git, ObjectInserter inserter, RevCommit parent, String path, ObjectId blob, FileMode mode)
            throws IOException {
        DirCache index = DirCache.newInCore();
        DirCacheBuilder builder = index.builder();
        try (ObjectReader reader = git.newObjectReader()) {
            builder.addTree(new byte[0], DirCacheEntry.STAGE_0, reader, parent.getTree());
        }
        builder.finish();
        DirCacheEditor editor = index.editor();
        editor.add(new DirCacheEditor.PathEdit(path) {
            @Override
            public void apply(DirCacheEntry entry) {
                entry.setFileMode(mode);
                entry.setObjectId(blob);
            }
        });
        editor.finish();
        return index.writeTree(inserter);
    }

    static ObjectId insertCommit(
            ObjectInserter inserter,
            ObjectId tree,
            ObjectId parent,
            PersonIdent author,
            PersonIdent committer,
            String message)
            throws IOException {
        CommitBuilder builder = new CommitBuilder();
        builder.setTreeId(tree);
        builder.setParentId(parent);
        builder.setAuthor(author);
        builder.setCommitter(committer);
        builder.setEncoding(StandardCharsets.UTF_8);
        builder.setMessage(message);
        ObjectId commit = inserter.insert(builder);
        inserter.flush();
        return commit;
    }

    /**
     * Points a ref at the new commit: the branch itself in a local repository (only if it is new, or
     * still at the base, and not checked out), a ref of its own in a remote's cache.
     */
    private String recordLocally(String branch, ObjectId base, ObjectId commit) {
        Repository git = repository.repository();
        boolean remote = repository.mirror().isPresent();
        String name = remote ? CACHE_REF_PREFIX + branch : Constants.R_HEADS + branch;
        try {
            if (!remote) {
                if (!git.isBare() && name.equals(git.getFullBranch())) {
                    throw new PromotionNotPossibleException(
                            "the branch '" + branch + "' is checked out in "
                                    + repository.location().display()
                                    + "; committing to it would leave the working tree behind",
                            "give another --branch, or run promote on a bare clone or on the repository's URL");
                }
                Ref existing = git.exactRef(name);
                if (existing != null && !base.equals(existing.getObjectId())) {
                    throw new PromotionNotPossibleException(
                            "the branch '" + branch + "' already exists at "
                                    + existing.getObjectId().abbreviate(12).name() + ", not at the promotion's base",
                            "give another --branch, or delete the old one (git branch -D " + branch + ")");
                }
            }
            RefUpdate update = git.updateRef(name);
            update.setNewObjectId(commit);
            update.setRefLogMessage("release-train promote", false);
            RefUpdate.Result result = update.forceUpdate();
            if (result != RefUpdate.Result.NEW
                    && result != RefUpdate.Result.FORCED
                    && result != RefUpdate.Result.FAST_FORWARD) {
                throw new RepositoryAccessException(
                        "cannot update " + name + " in " + repository.location().display() + ": " + result,
                        "check that no other git command holds a lock on the repository, and run promote again");
            }
            return name;
        } catch (IOException e) {
            throw new RepositoryAccessException(
                    "cannot update " + name + " in " + repository.location().display() + ": " + e.getMessage(),
                    "check that the repository is writable",
                    e);
        }
    }
}
