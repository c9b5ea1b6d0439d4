package io.jenkins.plugins.releasetrain.ledger;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a rollback run records with its start (in {@link ReleaseStarted#details()}, keys in docs/ledger.md): the
 * run whose content it restores, the run it rolls back (what was live when it started), and why.
 *
 * @param to the earlier run whose content the rollback restores
 * @param from the latest run before the rollback, whose release it replaces; empty when the ledger had none
 * @param reason why: {@link #REQUESTED} by a person, or {@link #VERIFICATION_FAILED} by the rule
 */
public record RollbackOf(RunId to, Optional<RunId> from, Optional<String> fromRelease, String reason) {

    public static final String TO = "rollback.to";
    public static final String FROM = "rollback.from";
    public static final String FROM_RELEASE = "rollback.fromRelease";
    public static final String REASON = "rollback.reason";
    /** Someone asked for the rollback. */
    public static final String REQUESTED = "requested";
    /** The rule rolled back a release whose verification failed ({@code onVerificationFailure: rollback}). */
    public static final String VERIFICATION_FAILED = "verification-failed";

    public RollbackOf {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(fromRelease, "fromRelease");
        Objects.requireNonNull(reason, "reason");
    }

    /** The rollback a run's start describes; empty for an ordinary release (or a malformed run id). */
    public static Optional<RollbackOf> of(ReleaseStarted started) {
        Map<String, String> details = started.details();
        String to = details.get(TO);
        if (to == null || !RunId.isValid(to)) {
            return Optional.empty();
        }
        Optional<RunId> from =
                Optional.ofNullable(details.get(FROM)).filter(RunId::isValid).map(RunId::new);
        return Optional.of(new RollbackOf(
                new RunId(to),
                from,
                Optional.ofNullable(details.get(FROM_RELEASE)),
                details.getOrDefault(REASON, REQUESTED)));
    }

    /** The details to record with the rollback's start. */
    public Map<String, String> details() {
        Map<String, String> details = new LinkedHashMap<>();
        details.put(TO, to.value());
        from.ifPresent(f -> details.put(FROM, f.value()));
        fromRelease.ifPresent(r -> details.put(FROM_RELEASE, r));
        details.put(REASON, reason);
        return details;
    }

    /** "rollback to run X" or "automatic rollback to run X (verification failed)", for people. */
    public String describe() {
        return (VERIFICATION_FAILED.equals(reason) ? "automatic rollback to run " : "rollback to run ")
                + to.value()
                + (VERIFICATION_FAILED.equals(reason) ? " (verification failed)" : "");
    }
}
