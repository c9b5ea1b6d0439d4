package io.jenkins.plugins.releasetrain.jenkins;

import hudson.model.Cause;
import hudson.model.Run;
import hudson.model.User;
import hudson.scm.ChangeLogSet;
import io.jenkins.plugins.releasetrain.approval.BuildChanges;
import io.jenkins.plugins.releasetrain.approval.Participants;
import io.jenkins.plugins.releasetrain.approval.ReleaseAuthor;
import io.jenkins.plugins.releasetrain.ledger.RunId;
import io.jenkins.plugins.releasetrain.manifest.Release;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jenkins.model.Jenkins;
import jenkins.scm.RunWithSCM;

/** What the ledger and the approval rules need to know about the build that releases. */
final class ReleaseBuilds {

    /** The ledger's actor for builds nobody started by hand (SCM, timers). */
    static final String SYSTEM_ACTOR = "jenkins";

    private static final int MAX_UPSTREAM_DEPTH = 10;
    private static final int MAX_EARLIER_BUILDS = 50;

    private ReleaseBuilds() {}

    static RunId runId(Run<?, ?> run) {
        return RunId.forBuild(run.getParent().getFullName(), run.getNumber());
    }

    /**
     * The ledger run of {@code release} in this build: the build's own id, or for the rollback its environment's rule
     * made after the build's release failed verification, a second run of the build ({@code job#42+rollback}).
     */
    static RunId runId(Run<?, ?> run, Release release) {
        boolean automatic = ReadReleases.rollback(run, release.id().value())
                .filter(ReleaseRollback::isAutomatic)
                .isPresent();
        return automatic ? runs(run).rollback() : runId(run);
    }

    /** The build's own ledger run and the run of its automatic rollback, if it makes one. */
    static Runs runs(Run<?, ?> run) {
        return new Runs(runId(run), RunId.forBuild(run.getParent().getFullName(), run.getNumber(), AUTOMATIC_ROLLBACK));
    }

    /** What tells the run of an automatic rollback apart from the build's own run in the ledger. */
    static final String AUTOMATIC_ROLLBACK = "rollback";

    /** @param own the build's run @param rollback the run of the rollback its rule makes after a failed verification */
    record Runs(RunId own, RunId rollback) {}

    /** Where a ledger run comes from, for the release board's links: the keys of docs/ledger.md. */
    static Map<String, String> details(Run<?, ?> run) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("jenkins.job", run.getParent().getFullName());
        details.put("jenkins.build", String.valueOf(run.getNumber()));
        String root = Jenkins.get().getRootUrl();
        if (root != null) {
            details.put("jenkins.url", root + run.getUrl());
        }
        return details;
    }

    static String actor(Run<?, ?> run) {
        return startedBy(run).orElse(SYSTEM_ACTOR);
    }

    /** The user who started the build, or the builds that triggered it. */
    static Optional<String> startedBy(Run<?, ?> run) {
        return userOf(run.getCauses(), 0);
    }

    private static Optional<String> userOf(List<Cause> causes, int depth) {
        for (Cause cause : causes) {
            if (cause instanceof Cause.UserIdCause user && user.getUserId() != null) {
                return Optional.of(user.getUserId());
            }
        }
        if (depth < MAX_UPSTREAM_DEPTH) {
            for (Cause cause : causes) {
                if (cause instanceof Cause.UpstreamCause upstream) {
                    Optional<String> user = userOf(upstream.getUpstreamCauses(), depth + 1);
                    if (user.isPresent()) {
                        return user;
                    }
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The people the rules keep from approving: whoever started the build, and the authors of the changes to
     * the manifest that this job's builds checked out since its last successful release of the environment.
     */
    static Participants participants(
            Run<?, ?> run, String manifest, String environment, Optional<WorkspaceAuthors.Found> fromGit) {
        List<ReleaseAuthor> authors = new ArrayList<>(BuildChanges.authors(manifest, changes(run, environment)));
        Optional<List<ReleaseAuthor>> history = fromGit.flatMap(WorkspaceAuthors.Found::authors);
        history.ifPresent(authors::addAll);
        Participants participants = new Participants(startedBy(run).map(JenkinsIdentities::of), authors);
        if (authors.isEmpty() && history.isEmpty()) {
            // Neither a change set nor the manifest's history names anyone: fail closed, the rule decides.
            return participants.withAuthorsUnknown(fromGit.flatMap(WorkspaceAuthors.Found::unknown)
                    .orElse("no change of " + manifest + " in this job's builds since the last release"));
        }
        return participants;
    }

    /** {@link #details(Run)}, with the manifest's commit when it came from git: the next release reads from there. */
    static Map<String, String> details(Run<?, ?> run, Optional<WorkspaceAuthors.Found> fromGit) {
        Map<String, String> details = details(run);
        fromGit.flatMap(WorkspaceAuthors.Found::head)
                .ifPresent(head -> details.put(ReleaseSource.MANIFEST_COMMIT, head));
        return details;
    }

    private static List<BuildChanges.Change> changes(Run<?, ?> run, String environment) {
        List<BuildChanges.Change> changes = new ArrayList<>();
        Run<?, ?> build = run;
        for (int i = 0; build != null && i < MAX_EARLIER_BUILDS; i++, build = build.getPreviousBuild()) {
            if (build != run && releasedSuccessfully(build, environment)) {
                break;
            }
            if (build instanceof RunWithSCM<?, ?> withScm) {
                for (ChangeLogSet<? extends ChangeLogSet.Entry> set : withScm.getChangeSets()) {
                    for (ChangeLogSet.Entry entry : set) {
                        changes.add(change(entry));
                    }
                }
            }
        }
        return changes;
    }

    private static boolean releasedSuccessfully(Run<?, ?> build, String environment) {
        return build.getActions(ReleaseAction.class).stream()
                .anyMatch(a -> a.getEnvironment().equals(environment) && a.isSucceeded());
    }

    private static BuildChanges.Change change(ChangeLogSet.Entry entry) {
        User author = entry.getAuthor();
        String commit = entry.getCommitId() == null ? "" : entry.getCommitId();
        return new BuildChanges.Change(
                commit, author.getId(), author.getFullName(), new ArrayList<>(entry.getAffectedPaths()));
    }
}
