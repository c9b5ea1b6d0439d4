package io.jenkins.plugins.releasetrain.gitops;

import io.jenkins.plugins.releasetrain.manifest.ManifestException;
import io.jenkins.plugins.releasetrain.manifest.ManifestLoader;
import io.jenkins.plugins.releasetrain.manifest.ReleaseId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.PushCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.JGitInternalException;
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
import org.eclipse.jgit.merge.MergeStrategy;
import org.eclipse.jgit.merge.ThreeWayMerger;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.treewalk.TreeWalk;

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
            throw new IllegalArgumentException("nothing to commit: " + prepared.target().path() + " already matches");
        }
        Promotion promotion = prepared.promotion();
        String branch = options.branch().orElseGet(() -> defaultBranchName(promotion));
        checkBranch(branch, options);
        Identity author = options.author().orElseGet(this::configuredIdentity);
        String message = PromotionMessage.of(promotion, prepared.target().path(), options.approvedBy());
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
            PersonIdent person = new PersonIdent(author.name(), author.email(), Instant.now(), java.time.ZoneOffset.UTC);
            commit = insertCommit(inserter, tree, parent, person, person, message);
        } catch (IOException e) {
            throw new RepositoryAccessException(
                    "cannot write the promotion commit in " + repository.location().display() + ": " + e.getMessage(),
                    "check that the repository (or its cache) is writable",
                    e);
        }
        String localRef = recordLocally(branch, base, commit);
        return new CommittedPromotion(prepared, branch, commit.name(), message, localRef);
    }

    /**
     * Pushes the committed promotion to its branch on the remote: the repository's URL, or for a local
     * repository the remote named {@code remoteName} ({@code origin}).
     *
     * @throws PushRejectedException when the remote refuses it, after one rebase for a moved branch
     */
    public PushedPromotion push(CommittedPromotion committed, String remoteName) {
        PushTarget target = pushTarget(remoteName);
        String branchRef = Constants.R_HEADS + committed.branch();
        RemoteRefUpdate first = pushOnce(target, committed.localRef(), branchRef);
        if (accepted(first)) {
            return new PushedPromotion(target.display(), committed.branch(), committed.commit(), Optional.empty(), false);
        }
        if (!movedMeanwhile(first)) {
            throw rejected(target, committed.branch(), first);
        }
        ObjectId remoteTip = fetchBranch(target, committed.branch());
        Optional<ObjectId> rebased = rebase(committed, remoteTip);
        if (rebased.isEmpty()) {
            return new PushedPromotion(target.display(), committed.branch(), remoteTip.name(), Optional.of(remoteTip.name()), true);
        }
        moveLocalRef(committed.localRef(), ObjectId.fromString(committed.commit()), rebased.get());
        RemoteRefUpdate second = pushOnce(target, committed.localRef(), branchRef);
        if (accepted(second)) {
            return new PushedPromotion(
                    target.display(), committed.branch(), rebased.get().name(), Optional.of(remoteTip.name()), false);
        }
        throw new PushRejectedException(
                "the push of " + committed.branch() + " to " + target.display() + " was rejected again after rebasing"
                        + " onto " + remoteTip.abbreviate(12).name() + " (" + status(second) + ")",
                "someone else keeps pushing to " + committed.branch() + ": wait for them, then run promote again");
    }

    // --- commit ---------------------------------------------------------------------------------------

    private static String defaultBranchName(Promotion promotion) {
        return "release-train/" + promotion.toEnvironment() + "-" + promotion.after().id().shortForm();
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
        boolean bom = original.length >= 3 && original[0] == UTF8_BOM[0] && original[1] == UTF8_BOM[1]
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

    private static ObjectId insertCommit(
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
                            "the branch '" + branch + "' is checked out in " + repository.location().display()
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

    // --- push ------------------------------------------------------------------------------------------

    /** Where a push goes: the URL (remote repository), or the named remote of a local one. */
    private record PushTarget(String remote, RepositoryLocation location) {
        String display() {
            return location.display();
        }
    }

    private PushTarget pushTarget(String remoteName) {
        if (repository.mirror().isPresent()) {
            return new PushTarget(repository.location().url(), repository.location());
        }
        String url = repository.repository().getConfig().getString("remote", remoteName, "url");
        if (url == null) {
            throw new RepositoryAccessException(
                    repository.location().display() + " has no remote named '" + remoteName + "'",
                    "give the remote with --remote, or run promote with the repository's URL as --repo");
        }
        return new PushTarget(remoteName, RepositoryLocation.parse(url));
    }

    private RemoteRefUpdate pushOnce(PushTarget target, String localRef, String branchRef) {
        PushCommand push = Git.wrap(repository.repository())
                .push()
                .setRemote(target.remote())
                .setRefSpecs(new RefSpec(localRef + ":" + branchRef));
        try {
            Iterable<PushResult> results = repository.access().configure(push, target.location()).call();
            for (PushResult result : results) {
                RemoteRefUpdate update = result.getRemoteUpdate(branchRef);
                if (update != null) {
                    return update;
                }
            }
            throw new PushRejectedException(
                    "the push to " + target.display() + " reported nothing for " + branchRef, "run promote again");
        } catch (GitAPIException | JGitInternalException e) {
            throw TransportFailures.of("push to", target.location(), repository.access(), e);
        }
    }

    private static boolean accepted(RemoteRefUpdate update) {
        return update.getStatus() == RemoteRefUpdate.Status.OK
                || update.getStatus() == RemoteRefUpdate.Status.UP_TO_DATE;
    }

    private static boolean movedMeanwhile(RemoteRefUpdate update) {
        return update.getStatus() == RemoteRefUpdate.Status.REJECTED_NONFASTFORWARD
                || update.getStatus() == RemoteRefUpdate.Status.REJECTED_REMOTE_CHANGED;
    }

    private PushRejectedException rejected(PushTarget target, String branch, RemoteRefUpdate update) {
        return new PushRejectedException(
                "the push of " + branch + " to " + target.display() + " was rejected: " + status(update),
                "a server-side rule (branch protection, a hook, permissions) refused it: push to a branch you may"
                        + " write, or ask an administrator");
    }

    private String status(RemoteRefUpdate update) {
        String message = update.getMessage();
        String text = update.getStatus().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        return message == null ? text : text + ", " + Redaction.urls(message);
    }

    /** Fetches the remote branch as it is now and returns its tip. */
    private ObjectId fetchBranch(PushTarget target, String branch) {
        Repository git = repository.repository();
        String ref;
        if (repository.mirror().isPresent()) {
            if (!repository.mirror().get().fetchBranch(branch, RemoteMirror.History.TIP)) {
                throw new PushRejectedException(
                        "the push of " + branch + " to " + target.display() + " was rejected as out of date, but the"
                                + " branch is not there",
                        "run promote again");
            }
            ref = Constants.R_HEADS + branch;
        } else {
            ref = Constants.R_REMOTES + target.remote() + "/" + branch;
            try {
                repository.access()
                        .configure(
                                Git.wrap(git).fetch().setRemote(target.remote()).setRefSpecs(new RefSpec("+"
                                        + Constants.R_HEADS + branch + ":" + ref)),
                                target.location())
                        .call();
            } catch (GitAPIException | JGitInternalException e) {
                throw TransportFailures.of("fetch from", target.location(), repository.access(), e);
            }
        }
        try {
            Ref fetched = git.exactRef(ref);
            if (fetched == null) {
                throw new PushRejectedException(
                        "cannot read " + branch + " of " + target.display() + " after fetching it", "run promote again");
            }
            return fetched.getObjectId();
        } catch (IOException e) {
            throw new RepositoryAccessException(
                    "cannot read " + ref + ": " + e.getMessage(), "check that the repository is readable", e);
        }
    }

    /**
     * Replays the promotion commit onto {@code onto}, in memory. Empty when {@code onto} already holds
     * exactly this change. Refuses when the replay conflicts or would change what the target manifest
     * declares: approvals and the Release-Id trailer are for that exact release.
     */
    private Optional<ObjectId> rebase(CommittedPromotion committed, ObjectId onto) {
        Repository git = repository.repository();
        String path = committed.prepared().target().path();
        try (ObjectInserter inserter = git.newObjectInserter();
                RevWalk walk = new RevWalk(git)) {
            RevCommit ours = walk.parseCommit(ObjectId.fromString(committed.commit()));
            RevCommit theirs = walk.parseCommit(onto);
            ThreeWayMerger merger = MergeStrategy.RECURSIVE.newMerger(git, true);
            merger.setBase(ours.getParent(0));
            if (!merger.merge(theirs, ours)) {
                throw new PushRejectedException(
                        "the branch " + committed.branch() + " on the remote has changes to " + path
                                + " that conflict with this promotion",
                        "look at what was pushed to " + committed.branch() + ", then run promote again (on another"
                                + " --branch if that one is someone else's)");
            }
            ObjectId tree = merger.getResultTreeId();
            if (tree.equals(theirs.getTree())) {
                return Optional.empty();
            }
            checkSameRelease(git, tree, path, committed);
            PersonIdent committer = new PersonIdent(ours.getCommitterIdent(), Instant.now());
            return Optional.of(insertCommit(inserter, tree, theirs, ours.getAuthorIdent(), committer, ours.getFullMessage()));
        } catch (IOException e) {
            throw new RepositoryAccessException(
                    "cannot rebase the promotion onto " + onto.abbreviate(12).name() + ": " + e.getMessage(),
                    "run promote again",
                    e);
        }
    }

    private static void checkSameRelease(Repository git, ObjectId tree, String path, CommittedPromotion committed)
            throws IOException {
        ReleaseId wanted = committed.prepared().promotion().after().id();
        try (TreeWalk file = TreeWalk.forPath(git, path, tree)) {
            String problem;
            if (file == null) {
                problem = "it no longer has " + path;
            } else {
                byte[] bytes = git.open(file.getObjectId(0), Constants.OBJ_BLOB).getCachedBytes();
                try {
                    ReleaseId found = new ManifestLoader().load(path, bytes).release().id();
                    problem = found.equals(wanted) ? null : path + " would then declare release " + found.shortForm()
                            + " instead of " + wanted.shortForm();
                } catch (ManifestException e) {
                    problem = path + " would then not be valid";
                }
            }
            if (problem != null) {
                throw new PushRejectedException(
                        "cannot rebase the promotion onto the remote's " + committed.branch() + ": " + problem,
                        "look at what was pushed to " + committed.branch() + ", then run promote again");
            }
        }
    }

    private void moveLocalRef(String name, ObjectId from, ObjectId to) {
        try {
            RefUpdate update = repository.repository().updateRef(name);
            update.setExpectedOldObjectId(from);
            update.setNewObjectId(to);
            update.setRefLogMessage("release-train promote: rebased", false);
            RefUpdate.Result result = update.forceUpdate();
            if (result != RefUpdate.Result.FORCED && result != RefUpdate.Result.FAST_FORWARD) {
                throw new RepositoryAccessException(
                        "cannot move " + name + " to the rebased promotion: " + result,
                        "check that nothing else changed " + name + ", and run promote again");
            }
        } catch (IOException e) {
            throw new RepositoryAccessException(
                    "cannot move " + name + ": " + e.getMessage(), "check that the repository is writable", e);
        }
    }
}
