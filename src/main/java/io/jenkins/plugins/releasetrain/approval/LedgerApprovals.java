package io.jenkins.plugins.releasetrain.approval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.releasetrain.ledger.ApprovalDecision;
import io.jenkins.plugins.releasetrain.ledger.ApprovalRecorded;
import io.jenkins.plugins.releasetrain.ledger.EnvironmentLedger;
import io.jenkins.plugins.releasetrain.ledger.Ledger;
import io.jenkins.plugins.releasetrain.ledger.LedgerEntry;
import io.jenkins.plugins.releasetrain.ledger.LedgerException;
import io.jenkins.plugins.releasetrain.ledger.ReleaseRun;
import io.jenkins.plugins.releasetrain.ledger.ReleaseStatus;
import io.jenkins.plugins.releasetrain.ledger.ReleaseVerified;
import io.jenkins.plugins.releasetrain.manifest.ReleaseId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Between the ledger and the gate: reads the history a decision looks at (the environment's approval
 * records, and the successful runs of the environments its rule requires first), and writes an approval
 * event as an {@link ApprovalRecorded} record.
 *
 * <p>The ledger's three decisions carry the four actions: an emergency override is {@code APPROVED} with
 * the detail {@code action=emergency-override}, so that readers who know only approvals still see one.
 */
public final class LedgerApprovals {

    static final String ACTION = "action";
    static final String RULE = "rule";
    static final String ALIASES = "aliases";
    static final String ADMIN = "admin";
    /** The artifacts whose live hotfix the approver knew the release takes away, comma-separated. */
    public static final String DROPS_HOTFIX = "dropsHotfix";
    /** The details naming the CI job that wrote a record: its full name and build number. */
    /** The name of the rule a run was let through by, in its start's details. */
    public static final String GROUNDS_RULE = "approval.rule";
    /** The rule itself as it stood ({@link ApprovalMaps#rule}), as JSON, in a run's start's details. */
    public static final String GROUNDS_RULE_SNAPSHOT = "approval.ruleSnapshot";
    /** The decision that let the run through ({@link ApprovalMaps#decision}), as JSON. */
    public static final String GROUNDS_DECISION = "approval.decision";

    private static final ObjectMapper JSON = new ObjectMapper();

    public static final String JOB = "jenkins.job";

    public static final String BUILD = "jenkins.build";

    private LedgerApprovals() {}

    /**
     * The history of {@code environment} for {@code rule}: every approval event recorded there, the successful
     * runs of the environments {@code rule} requires, and the last successful run of the environment itself
     * (which dates approvals of releases that have run since as history).
     */
    public static ApprovalHistory history(Ledger ledger, String environment, Optional<ProtectionRule> rule) {
        return history(ledger, environment, rule, JobPolicy.ANY);
    }

    /**
     * As {@link #history(Ledger, String, Optional)}, counting only what jobs allowed to release into each
     * environment wrote: approvals of this environment, and runs of it and of its upstream environments.
     */
    public static ApprovalHistory history(
            Ledger ledger, String environment, Optional<ProtectionRule> rule, JobPolicy jobs) {
        EnvironmentLedger here = ledger.read(environment);
        List<ApprovalEvent> events = new ArrayList<>();
        for (LedgerEntry entry : here.entries()) {
            if (entry.record() instanceof ApprovalRecorded approval
                    && jobs.allows(
                            environment, Optional.ofNullable(approval.details().get(JOB)))) {
                events.add(event(approval));
            }
        }
        List<SucceededRelease> successes = new ArrayList<>();
        here.runs().stream()
                .filter(run ->
                        run.status().filter(s -> s == ReleaseStatus.SUCCEEDED).isPresent())
                .filter(run -> jobs.allows(environment, job(run)))
                .reduce((first, second) -> second)
                .flatMap(run -> success(here, environment, run))
                .ifPresent(successes::add);
        List<EnvironmentPattern> upstream = rule.map(ProtectionRule::requires).orElse(List.of());
        for (String other : ledger.environments()) {
            if (!other.equals(environment) && upstream.stream().anyMatch(p -> p.matches(other))) {
                EnvironmentLedger there = ledger.read(other);
                for (ReleaseRun run : there.runs()) {
                    if (run.status().filter(s -> s == ReleaseStatus.SUCCEEDED).isPresent()
                            && jobs.allows(other, job(run))) {
                        success(there, other, run).ifPresent(successes::add);
                    }
                }
            }
        }
        return ApprovalHistory.of(events, successes);
    }

    /** The job that wrote a run, from the details its start was recorded with; empty when it does not say. */
    static Optional<String> job(ReleaseRun run) {
        return Optional.ofNullable(run.started().details().get(JOB));
    }

    /** The person who started the latest run of {@code releaseId} here, if it has not finished yet. */
    public static Optional<Identity> requester(Ledger ledger, String environment, ReleaseId releaseId) {
        return ledger.read(environment)
                .lastRun(releaseId)
                .filter(run -> !run.isFinished())
                .map(run -> Identity.of(run.actor()));
    }

    /**
     * What a run records with its start about why it could run: the rule and the decision under it, so that
     * a release record can show both as they were, whatever the policy says later.
     */
    public static Map<String, String> grounds(Decision decision, Optional<ProtectionRule> rule) {
        Map<String, String> grounds = new LinkedHashMap<>();
        try {
            rule.ifPresent(r -> grounds.put(GROUNDS_RULE, r.name()));
            if (rule.isPresent()) {
                grounds.put(GROUNDS_RULE_SNAPSHOT, JSON.writeValueAsString(ApprovalMaps.rule(rule.get())));
            }
            grounds.put(GROUNDS_DECISION, JSON.writeValueAsString(ApprovalMaps.decision(decision)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("maps of strings, numbers and lists always serialize", e);
        }
        return grounds;
    }

    /** An approval record read back as the event the gate weighs. */
    public static ApprovalEvent event(ApprovalRecorded record) {
        Map<String, String> details = record.details();
        ApprovalAction action =
                switch (record.decision()) {
                    case APPROVED ->
                        ApprovalAction.EMERGENCY_OVERRIDE.label().equals(details.get(ACTION))
                                ? ApprovalAction.EMERGENCY_OVERRIDE
                                : ApprovalAction.APPROVE;
                    case REJECTED -> ApprovalAction.REJECT;
                    case BYPASSED -> ApprovalAction.BYPASS;
                };
        List<String> aliases = details.containsKey(ALIASES)
                ? Arrays.stream(details.get(ALIASES).split(","))
                        .map(String::strip)
                        .filter(a -> !a.isEmpty())
                        .toList()
                : List.of();
        Identity actor = new Identity(
                record.actor(), Set.copyOf(record.groups()), Set.copyOf(aliases), "true".equals(details.get(ADMIN)));
        Set<String> dropsHotfix = details.containsKey(DROPS_HOTFIX)
                ? Arrays.stream(details.get(DROPS_HOTFIX).split(","))
                        .map(String::strip)
                        .filter(a -> !a.isEmpty())
                        .collect(Collectors.toSet())
                : Set.of();
        return new ApprovalEvent(
                record.releaseId(), record.environment(), actor, action, record.comment(), record.time(), dropsHotfix);
    }

    /**
     * The record of an event judged under {@code rule}. Only the groups through which the person was eligible
     * are kept: the ledger is read by many, and a person's other groups are none of its business.
     */
    public static ApprovalRecorded record(ApprovalEvent event, ProtectionRule rule) {
        return record(event, rule, Map.of());
    }

    /** As {@link #record(ApprovalEvent, ProtectionRule)}, with where it was given ({@link #JOB}, {@link #BUILD}). */
    public static ApprovalRecorded record(ApprovalEvent event, ProtectionRule rule, Map<String, String> origin) {
        Map<String, String> details = new LinkedHashMap<>(origin);
        details.put(RULE, rule.name());
        details.put(ACTION, event.action().label());
        if (!event.actor().aliases().isEmpty()) {
            details.put(ALIASES, String.join(",", new TreeSet<>(event.actor().aliases())));
        }
        if (event.actor().admin()) {
            details.put(ADMIN, "true");
        }
        if (!event.dropsHotfixOn().isEmpty()) {
            details.put(DROPS_HOTFIX, String.join(",", new TreeSet<>(event.dropsHotfixOn())));
        }
        ApprovalDecision decision =
                switch (event.action()) {
                    case APPROVE, EMERGENCY_OVERRIDE -> ApprovalDecision.APPROVED;
                    case REJECT -> ApprovalDecision.REJECTED;
                    case BYPASS -> ApprovalDecision.BYPASSED;
                };
        return new ApprovalRecorded(
                event.releaseId(),
                event.environment(),
                event.actor().user(),
                relevantGroups(event.actor(), rule),
                decision,
                event.comment(),
                event.at(),
                details);
    }

    /**
     * The actor's groups that any approver list of the rule names: its own, each approval group's, the hotfix lane's
     * and the emergency override's. Every later decision recounts the approval from these, whichever list it is
     * counted against (a hotfix is decided by its lane's list, a rule with groups by theirs).
     */
    private static List<String> relevantGroups(Identity actor, ProtectionRule rule) {
        List<String> named = new ArrayList<>(rule.approvers().groups());
        rule.approvalGroups().forEach(g -> named.addAll(g.approvers().groups()));
        rule.hotfix().ifPresent(lane -> named.addAll(lane.approvers().groups()));
        rule.emergencyOverride().ifPresent(o -> named.addAll(o.approvers().groups()));
        Set<String> wanted = Names.keys(named);
        return actor.groups().stream()
                .filter(g -> wanted.contains(Names.key(g)))
                .sorted()
                .toList();
    }

    /** A successful run as promotion order sees it; empty when its recorded manifest no longer loads. */
    private static Optional<SucceededRelease> success(EnvironmentLedger ledger, String environment, ReleaseRun run) {
        Optional<Instant> verifiedAt =
                ledger.verification(run.runId()).filter(ReleaseVerified::passed).map(ReleaseVerified::time);
        try {
            return run.finished()
                    .map(finished -> new SucceededRelease(
                            environment,
                            run.releaseId(),
                            ReleaseContent.of(run.release()),
                            finished.time(),
                            verifiedAt));
        } catch (LedgerException e) {
            // Without its content a run proves nothing about promotion order; the others still count.
            return Optional.empty();
        }
    }
}
