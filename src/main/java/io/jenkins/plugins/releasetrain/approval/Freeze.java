package io.jenkins.plugins.releasetrain.approval;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The freeze in effect at a moment: every period of the rule's windows that contains it, taken as one
 * stretch from the earliest start to the latest end (a weekend inside a year-end freeze is one freeze).
 */
record Freeze(List<FreezePeriod> periods) {

    Freeze {
        periods = List.copyOf(periods);
        if (periods.isEmpty()) {
            throw new IllegalArgumentException("a freeze has at least one period");
        }
    }

    static Optional<Freeze> at(ProtectionRule rule, Instant instant) {
        List<FreezePeriod> periods = new ArrayList<>();
        for (FreezeWindow window : rule.freezeWindows()) {
            window.periodAt(instant).ifPresent(periods::add);
        }
        return periods.isEmpty() ? Optional.empty() : Optional.of(new Freeze(periods));
    }

    ZonedDateTime start() {
        return periods.stream()
                .map(FreezePeriod::start)
                .min(Comparator.comparing(ZonedDateTime::toInstant))
                .orElseThrow();
    }

    ZonedDateTime end() {
        return periods.stream()
                .map(FreezePeriod::end)
                .max(Comparator.comparing(ZonedDateTime::toInstant))
                .orElseThrow();
    }

    boolean contains(Instant instant) {
        return !instant.isBefore(start().toInstant()) && instant.isBefore(end().toInstant());
    }

    /** The period that ends last: the one to show a user waiting for the freeze to end. */
    FreezePeriod longest() {
        return periods.stream()
                .max(Comparator.comparing(p -> p.end().toInstant()))
                .orElseThrow();
    }

    String describe() {
        List<String> windows = periods.stream().map(FreezePeriod::describe).toList();
        return "frozen until " + Wording.wallTime(end()) + " by the freeze window" + (windows.size() == 1 ? " " : "s ")
                + Wording.both(windows);
    }
}
