package io.jenkins.plugins.releasetrain.gitops;

import io.jenkins.plugins.releasetrain.manifest.ManifestException;
import io.jenkins.plugins.releasetrain.manifest.ManifestLoader;
import io.jenkins.plugins.releasetrain.manifest.ReleaseId;
import java.io.IOException;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.PushCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.JGitInternalException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.merge.MergeStrategy;
import org.eclipse.jgit.merge.ThreeWayMerger;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Sends a committed promotion to its branch on the remote. When the push is rejected because the branch
 * moved meanwhile, fetches it, replays the promotion onto it in memory (kept only if the target manifest
 * still declares exactly the promoted release, which the Release-Id trailer and the approvals are for),
 * and pushes once more; then gives up with an error that says what happened.
 */
final class PromotionPush {

    private final ManifestRepository repository;

    PromotionPush(ManifestRepository repository) {
        this.repository = repository;
    }

    PushedPromotion push(CommittedPromotion committed, String remoteName) {
        PushTarget target = pushTarget(remoteName);
        String branchRef = Constants.R_HEADS + committed.branch();
        RemoteRefUpdate first = pushOnce(target, committed.localRef(), branchRef);
        if (accepted(first)) {
            return new PushedPromotion(
                    target.display(), committed.branch(), committed.commit(), Optional.empty(), false);
        }
        if (!movedMeanwhile(first)) {
            throw rejected(target, committed.branch(), first);
        }
        ObjectId remoteTip = fetchBranch(target, committed.branch());
        Optional<ObjectId> rebased = rebase(committed, remoteTip);
        if (rebased.isEmpty()) {
            return new PushedPromotion(
                    target.display(), committed.branch(), remoteTip.name(), Optional.of(remoteTip.name()), true);
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
            Iterable<PushResult> results =
                    repository.access().configure(push, target.location()).call();
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
        String text = update.getStatus().name().toLowerCase(Locale.ROOT).replace('_', ' ');
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
                repository
                        .access()
                        .configure(
                                Git.wrap(git)
                                        .fetch()
                                        .setRemote(target.remote())
                                        .setRefSpecs(new RefSpec("+" + Constants.R_HEADS + branch + ":" + ref)),
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
                        "cannot read " + branch + " of " + target.display() + " after fetching it",
                        "run promote again");
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
            return Optional.of(Promoter.insertCommit(
                    inserter, tree, theirs, ours.getAuthorIdent(), committer, ours.getFullMessage()));
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
                    ReleaseId found =
                            new ManifestLoader().load(path, bytes).release().id();
                    problem = found.equals(wanted)
                            ? null
                            : path + " would then declare release " + found.shortForm() + " instead of "
                                    + wanted.shortForm();
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
