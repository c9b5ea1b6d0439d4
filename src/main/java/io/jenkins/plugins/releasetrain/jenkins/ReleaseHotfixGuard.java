package io.jenkins.plugins.releasetrain.jenkins;

import hudson.AbortException;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.releasetrain.changelog.HotfixGuard;
import io.jenkins.plugins.releasetrain.changelog.ReleaseChangelog;
import io.jenkins.plugins.releasetrain.ledger.Ledger;
import io.jenkins.plugins.releasetrain.ledger.LedgerException;
import io.jenkins.plugins.releasetrain.manifest.Release;
import io.jenkins.plugins.releasetrain.plan.PlannedArtifact;
import io.jenkins.plugins.releasetrain.plan.ReleasePlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Keeps a regular release from taking a live hotfix away, as the command line's {@code run} does: it is refused
 * with the commits it would drop, unless the Pipeline read it with {@code dropHotfix: 'why'}. Whether a commit
 * contains the fix is read from the repositories administrators configured for changelogs; where nobody can tell,
 * the release counts as dropping it.
 */
final class ReleaseHotfixGuard {

    private ReleaseHotfixGuard() {}

    /** The live hotfixes {@code plan} would drop, judged with {@code changelog}; none for a hotfix or a rollback. */
    static List<HotfixGuard.DroppedHotfix> dropped(
            Ledger ledger, ReleasePlan plan, boolean exempt, ChangelogSupplier changelog) throws AbortException {
        if (exempt) {
            // A hotfix on a hotfix replaces it knowingly (its lane decides), and a rollback restores what ran before.
            return List.of();
        }
        List<PlannedArtifact> touched = HotfixGuard.touched(plan, hotfixed(ledger, plan));
        return touched.isEmpty() ? List.of() : HotfixGuard.check(touched, changelog.get());
    }

    /** The artifacts a hotfix left live that {@code plan} replaces: those whose fix it may drop. */
    static Set<String> touched(Ledger ledger, ReleasePlan plan) throws AbortException {
        return Set.copyOf(HotfixGuard.touched(plan, hotfixed(ledger, plan)).stream()
                .map(PlannedArtifact::id)
                .toList());
    }

    private static Set<String> hotfixed(Ledger ledger, ReleasePlan plan) throws AbortException {
        try {
            return Set.copyOf(ledger.read(plan.target().environment().name()).hotfixedArtifacts());
        } catch (LedgerException e) {
            throw new AbortException(Messages.ReleaseLedger_Unreadable(ledger.directory(), e.getMessage()));
        }
    }

    /**
     * Refuses a release that drops a live hotfix without a reason, saying what it would drop; with a reason, says
     * what it drops and lets it go on.
     *
     * @return what approvers read about the hotfixes it drops: which and why (first line), then the commits; empty
     *     when it drops none
     */
    static List<String> enforce(List<HotfixGuard.DroppedHotfix> dropped, ReleaseGate gate, TaskListener listener)
            throws AbortException {
        if (dropped.isEmpty()) {
            return List.of();
        }
        List<String> lines = HotfixGuard.describe(dropped);
        lines.forEach(listener.getLogger()::println);
        String artifacts = String.join(
                ", ",
                dropped.stream().map(HotfixGuard.DroppedHotfix::artifactId).toList());
        Optional<String> reason = gate.kind().dropHotfix();
        if (reason.isEmpty()) {
            throw new AbortException(Messages.ReleaseHotfixGuard_Refused(
                    gate.release().id().shortForm(),
                    gate.release().environment().name(),
                    artifacts));
        }
        listener.getLogger().println(Messages.ReleaseHotfixGuard_Dropping(artifacts, reason.get()));
        List<String> forApprovers = new ArrayList<>();
        forApprovers.add(Messages.ReleaseHotfixGuard_Dropping(artifacts, reason.get()));
        forApprovers.addAll(lines);
        return forApprovers;
    }

    /** What the run's start records about the hotfixes it drops, and why; nothing when it drops none. */
    static Map<String, String> details(
            Run<?, ?> run, Ledger ledger, Release release, ReleaseKind kind, boolean rollback, TaskListener listener)
            throws AbortException {
        if (kind.dropHotfix().isEmpty() || kind.isHotfix() || rollback) {
            return Map.of();
        }
        ReleasePlan plan = ReleaseLedger.planAgainstLedger(ledger, release, TaskListener.NULL);
        List<HotfixGuard.DroppedHotfix> dropped =
                dropped(ledger, plan, false, () -> ReleaseChangelogs.of(run, plan, listener));
        return HotfixGuard.details(dropped, kind.dropHotfix().get());
    }

    /** The changelog to judge by, read only when a hotfixed artifact is touched (it may read repositories). */
    @FunctionalInterface
    interface ChangelogSupplier {
        Optional<ReleaseChangelog> get() throws AbortException;
    }
}
