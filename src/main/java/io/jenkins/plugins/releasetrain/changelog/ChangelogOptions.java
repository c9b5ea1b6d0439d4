package io.jenkins.plugins.releasetrain.changelog;

import java.time.Duration;
import java.util.Objects;

/**
 * How much a changelog lists and how long it may take.
 *
 * @param limit      commits listed per artifact and side; the rest are counted ("and 312 more")
 * @param countBound commits counted per artifact and side before "more than" is said
 * @param references how pull requests and issue keys are found in messages
 * @param budget     how long reading all repositories may take; artifacts not reached by then say so
 */
public record ChangelogOptions(int limit, int countBound, CommitReferences references, Duration budget) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int DEFAULT_COUNT_BOUND = 10_000;
    public static final Duration DEFAULT_BUDGET = Duration.ofMinutes(2);

    public ChangelogOptions {
        if (limit < 0 || limit > 10_000) {
            throw new IllegalArgumentException("the changelog limit must be 0..10000 commits, not " + limit);
        }
        if (countBound < limit) {
            throw new IllegalArgumentException("commits counted (" + countBound + ") < listed (" + limit + ")");
        }
        Objects.requireNonNull(references, "references");
        Objects.requireNonNull(budget, "budget");
    }

    public static ChangelogOptions defaults() {
        return new ChangelogOptions(DEFAULT_LIMIT, DEFAULT_COUNT_BOUND, CommitReferences.defaults(), DEFAULT_BUDGET);
    }

    public ChangelogOptions withLimit(int value) {
        return new ChangelogOptions(value, Math.max(countBound, value), references, budget);
    }

    public ChangelogOptions withReferences(CommitReferences value) {
        return new ChangelogOptions(limit, countBound, value, budget);
    }

    public ChangelogOptions withBudget(Duration value) {
        return new ChangelogOptions(limit, countBound, references, value);
    }
}
