package io.jenkins.plugins.releasetrain.approval;

import io.jenkins.plugins.releasetrain.manifest.ReleaseId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether a release may run in its environment now, and why, in words for the person waiting: {@link
 * Allowed}, {@link NeedsApprovals} (who else must approve), or {@link Refused} (what stands in the way).
 * Every decision carries the judgement of each approval event it weighed, so "why does my approval not
 * count?" always has an answer.
 */
public sealed interface Decision permits Decision.Allowed, Decision.NeedsApprovals, Decision.Refused {

    String environment();

    ReleaseId releaseId();

    /** The name of the rule that decided; empty when no rule protects the environment. */
    Optional<String> rule();

    /** The events weighed, oldest first: those for this content, and newer ones for other content. */
    List<Judgement> judgements();

    /** The decision in one or two sentences. */
    String message();

    default boolean isAllowed() {
        return this instanceof Allowed;
    }

    /** The events that count (approvals, overrides, a standing rejection or bypass). */
    default List<Judgement> counted() {
        return judgements().stream().filter(Judgement::counts).toList();
    }

    /** The message, then one line per event for this content that does not count, saying why. */
    default List<String> explanation() {
        List<String> lines = new ArrayList<>();
        lines.add(message());
        judgements().stream()
                .filter(j -> !j.counts() && j.standing() != Standing.DUPLICATE)
                .map(Judgement::message)
                .forEach(lines::add);
        return List.copyOf(lines);
    }

    /** Why a release was allowed. */
    enum Grounds {
        /** No rule protects the environment. */
        UNPROTECTED,
        /** The plan has nothing to deploy: the environment already runs this content. */
        NOTHING_TO_RELEASE,
        /** Every check of the rule passed. */
        APPROVED,
        /** An administrator bypassed the rule, which allows it; the bypass is in {@link #counted()}. */
        BYPASSED,
        /**
         * The rule itself rolls back a release whose verification failed ({@code onVerificationFailure:
         * rollback}): no approval is asked for.
         */
        ROLLED_BACK_BY_RULE
    }

    /** Why a release cannot run, whatever further approvals come. */
    enum RefusalReason {
        /** An eligible approver rejected this content; only new content can be approved. */
        REJECTED,
        /** The content has not succeeded in a required upstream environment yet. */
        PROMOTION_ORDER,
        /** A freeze is in effect and the rule has no emergency override. */
        FROZEN,
        /** Who wrote the release cannot be determined, and the rule keeps authors from approving. */
        UNKNOWN_AUTHORS
    }

    record Allowed(
            String environment,
            ReleaseId releaseId,
            Optional<String> rule,
            Grounds grounds,
            List<Judgement> judgements,
            String message)
            implements Decision {

        public Allowed {
            Objects.requireNonNull(environment, "environment");
            Objects.requireNonNull(releaseId, "releaseId");
            Objects.requireNonNull(rule, "rule");
            Objects.requireNonNull(grounds, "grounds");
            judgements = List.copyOf(judgements);
            Objects.requireNonNull(message, "message");
        }
    }

    record NeedsApprovals(
            String environment,
            ReleaseId releaseId,
            Optional<String> rule,
            List<Shortfall> shortfalls,
            List<Judgement> judgements,
            String message)
            implements Decision {

        public NeedsApprovals {
            Objects.requireNonNull(environment, "environment");
            Objects.requireNonNull(releaseId, "releaseId");
            Objects.requireNonNull(rule, "rule");
            shortfalls = List.copyOf(shortfalls);
            if (shortfalls.isEmpty()) {
                throw new IllegalArgumentException("a release that needs approvals lacks at least one");
            }
            judgements = List.copyOf(judgements);
            Objects.requireNonNull(message, "message");
        }

        /** How many more approvals (of every kind) are needed. */
        public int missing() {
            return shortfalls.stream().mapToInt(Shortfall::missing).sum();
        }
    }

    /**
     * @param until when waiting is enough (the end of a freeze); empty when it is not
     * @param shortfalls approvals that are missing as well and can be given meanwhile (while waiting for
     *     staging or for the end of a freeze); empty after a rejection
     */
    record Refused(
            String environment,
            ReleaseId releaseId,
            Optional<String> rule,
            RefusalReason reason,
            Optional<Instant> until,
            List<Shortfall> shortfalls,
            List<Judgement> judgements,
            String message)
            implements Decision {

        public Refused {
            Objects.requireNonNull(environment, "environment");
            Objects.requireNonNull(releaseId, "releaseId");
            Objects.requireNonNull(rule, "rule");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(until, "until");
            shortfalls = List.copyOf(shortfalls);
            judgements = List.copyOf(judgements);
            Objects.requireNonNull(message, "message");
        }
    }
}
