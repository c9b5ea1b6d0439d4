package io.jenkins.plugins.releasetrain.jenkins;

import hudson.AbortException;
import hudson.model.Run;
import io.jenkins.plugins.releasetrain.approval.AutomaticRollbacks;
import io.jenkins.plugins.releasetrain.approval.ProtectionRule;
import io.jenkins.plugins.releasetrain.approval.RollbackRequest;
import io.jenkins.plugins.releasetrain.ledger.EnvironmentLedger;
import io.jenkins.plugins.releasetrain.ledger.Ledger;
import io.jenkins.plugins.releasetrain.ledger.LedgerException;
import io.jenkins.plugins.releasetrain.ledger.RollbackOf;
import io.jenkins.plugins.releasetrain.plan.RollbackTarget;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What makes a release a build read a rollback: where it goes back to, the exact digest each image is restored to
 * and what its start records. Made only by {@code readReleaseRollback} from the environment's ledger on the
 * controller and kept with the build (in its {@link ReadReleases}), so nothing a Pipeline passes can change it;
 * the steps that plan, approve, tag and record the release read it from there.
 *
 * <p>Plain fields (no records, no {@code Optional}) because it is written to the build's XML.
 */
final class ReleaseRollback {

    private final String to;
    private final String describe;
    private final String approvalsAfter;
    private final TreeMap<String, String> pins;
    private final TreeSet<String> moved;
    private final LinkedHashMap<String, String> details;

    private ReleaseRollback(
            String to,
            String describe,
            Instant approvalsAfter,
            Map<String, String> pins,
            Set<String> moved,
            Map<String, String> details) {
        this.to = to;
        this.describe = describe;
        this.approvalsAfter = approvalsAfter.toString();
        this.pins = new TreeMap<>(pins);
        this.moved = new TreeSet<>(moved);
        this.details = new LinkedHashMap<>(details);
    }

    /** The rollback to {@code target}, asked for by a person. */
    static ReleaseRollback requested(RollbackTarget target) {
        RollbackOf of = target.record(RollbackOf.REQUESTED);
        return new ReleaseRollback(
                target.target().runId().value(),
                of.describe(),
                target.approvalsAfter(),
                target.digests(),
                target.moved(),
                of.details());
    }

    /**
     * The rollback to {@code target} that the environment's rule makes itself after this build's run failed its
     * verification ({@code onVerificationFailure: rollback}): recorded with the reason {@code verification-failed}.
     * Made only once {@link AutomaticRollbacks} found it due.
     */
    static ReleaseRollback afterFailedVerification(RollbackTarget target) {
        RollbackOf of = target.record(RollbackOf.VERIFICATION_FAILED);
        return new ReleaseRollback(
                target.target().runId().value(),
                of.describe(),
                target.approvalsAfter(),
                target.digests(),
                target.moved(),
                of.details());
    }

    /** Whether it is the rule's own rollback after a failed verification, rather than one someone asked for. */
    boolean isAutomatic() {
        return RollbackOf.VERIFICATION_FAILED.equals(details.get(RollbackOf.REASON));
    }

    /** The ledger run whose content comes back. */
    String to() {
        return to;
    }

    /** "rollback to run X", for people. */
    String describe() {
        return describe;
    }

    /** What the approval gate weighs: its own approvals, given after the release it rolls back started. */
    RollbackRequest request() {
        return new RollbackRequest(to, Instant.parse(approvalsAfter));
    }

    /**
     * What the approval gate weighs now, with the environment's ledger and rule as they are: the rule's own rollback
     * only while it is still due (the build's failed run still the latest, before this rollback's own run); otherwise
     * an ordinary rollback, which needs the rule's approvals.
     */
    RollbackRequest request(Optional<ProtectionRule> rule, Ledger ledger, String environment, Run<?, ?> run)
            throws AbortException {
        if (!isAutomatic()) {
            return request();
        }
        EnvironmentLedger history;
        try {
            history = ledger.read(environment);
        } catch (LedgerException e) {
            throw new AbortException(Messages.ReleaseLedger_Unreadable(ledger.directory(), e.getMessage()));
        }
        ReleaseBuilds.Runs runs = ReleaseBuilds.runs(run);
        boolean due = AutomaticRollbacks.refusal(rule, history, runs.own(), Optional.of(runs.rollback()))
                .isEmpty();
        return new RollbackRequest(to, Instant.parse(approvalsAfter), due);
    }

    /** Image artifact id to the digest its destination tag had after the target run. */
    Map<String, String> pins() {
        return Map.copyOf(pins);
    }

    /** Images to tag even where the plan finds their manifest entry unchanged: their tag moved since. */
    Set<String> alwaysRun() {
        return Set.copyOf(moved);
    }

    /** What the run's start records ({@link RollbackOf#details()}). */
    Map<String, String> details() {
        return new LinkedHashMap<>(details);
    }

    /** For the step's result: where it goes and the digests it restores. */
    Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("to", to);
        details.entrySet().stream()
                .filter(e -> e.getKey().equals(RollbackOf.FROM))
                .findFirst()
                .ifPresent(e -> map.put("from", e.getValue()));
        map.put("reason", details.get(RollbackOf.REASON));
        map.put("images", new LinkedHashMap<>(pins));
        List<String> movedImages = new ArrayList<>(moved);
        map.put("moved", movedImages);
        return map;
    }
}
