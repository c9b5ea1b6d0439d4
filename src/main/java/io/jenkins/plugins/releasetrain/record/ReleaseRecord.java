package io.jenkins.plugins.releasetrain.record;

import io.jenkins.plugins.releasetrain.changelog.ReleaseChangelog;
import io.jenkins.plugins.releasetrain.ledger.ApprovalRecorded;
import io.jenkins.plugins.releasetrain.ledger.EnvironmentLedger;
import io.jenkins.plugins.releasetrain.ledger.EnvironmentState;
import io.jenkins.plugins.releasetrain.ledger.ReleaseRun;
import io.jenkins.plugins.releasetrain.ledger.ReleaseVerified;
import io.jenkins.plugins.releasetrain.ledger.RollbackOf;
import io.jenkins.plugins.releasetrain.plan.DeployedArtifacts;
import io.jenkins.plugins.releasetrain.plan.ReleasePlan;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a release record holds for one run: the run as the ledger has it, the plan it ran (the recorded
 * manifest against what the ledger says was live just before), the approvals of that release given before it
 * started, and the changelog when the repositories were read.
 *
 * @param environment the environment's name
 * @param run         the run with its start, results and end
 * @param plan        the plan it ran
 * @param approvals   approvals, rejections, overrides and bypasses of the release recorded before the run began
 * @param changelog   the commits the run deployed, when the record was asked to read them
 * @param verification how the environment's verification of what the run deployed went, when it ran
 */
public record ReleaseRecord(
        String environment,
        ReleaseRun run,
        ReleasePlan plan,
        List<ApprovalRecorded> approvals,
        Optional<ReleaseChangelog> changelog,
        Optional<ReleaseVerified> verification) {

    public ReleaseRecord {
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(plan, "plan");
        approvals = List.copyOf(approvals);
        Objects.requireNonNull(changelog, "changelog");
        Objects.requireNonNull(verification, "verification");
    }

    /** The record of {@code run}, from {@code ledger} alone (no changelog). */
    public static ReleaseRecord of(EnvironmentLedger ledger, ReleaseRun run) {
        EnvironmentState before = ledger.stateAt(run.startedAt().minusNanos(1));
        ReleasePlan plan = ReleasePlan.of(
                run.release(), new DeployedArtifacts(before.deployedArtifacts(), before.productVersions()));
        // A rollback's approvals are those given for it: its content's earlier approvals were spent on earlier runs.
        Instant since = run.rollback()
                .flatMap(RollbackOf::from)
                .flatMap(ledger::run)
                .map(ReleaseRun::startedAt)
                .orElse(Instant.MIN);
        List<ApprovalRecorded> approvals = ledger.approvals(run.releaseId()).stream()
                .filter(a -> !a.time().isAfter(run.startedAt()) && a.time().isAfter(since))
                .toList();
        return new ReleaseRecord(
                ledger.environment(), run, plan, approvals, Optional.empty(), ledger.verification(run.runId()));
    }

    /**
     * What let the run through: the {@code approval.*} details recorded with its start (the command line decides
     * before it starts) or with its end (Jenkins decides after {@code recordRelease} started the run).
     */
    public Map<String, String> grounds() {
        Map<String, String> grounds = new TreeMap<>();
        run.started().details().forEach((key, value) -> {
            if (key.startsWith(GROUNDS_PREFIX)) {
                grounds.put(key, value);
            }
        });
        run.finished().ifPresent(f -> grounds.putAll(f.details()));
        return grounds;
    }

    /** The prefix of the details that say what let a run through. */
    static final String GROUNDS_PREFIX = "approval.";
    /** The prefix of the details that say what a rollback went back to ({@link RollbackOf}). */
    static final String ROLLBACK_PREFIX = "rollback.";

    public ReleaseRecord withChangelog(ReleaseChangelog value) {
        return new ReleaseRecord(environment, run, plan, approvals, Optional.of(value), verification);
    }
}
