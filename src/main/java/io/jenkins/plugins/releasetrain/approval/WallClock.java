package io.jenkins.plugins.releasetrain.approval;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.List;

/**
 * Turns a wall-clock time of a zone into an instant when the clock may show it twice (autumn) or never
 * (spring). A freeze starts at the {@linkplain #earliest earliest} instant its start time could mean and
 * ends at the {@linkplain #latest latest} its end could mean, so it covers every instant whose wall-clock
 * reading lies inside it and is never shortened by a change of clocks.
 */
final class WallClock {

    private WallClock() {}

    static Instant earliest(LocalDateTime local, ZoneId zone) {
        return pick(local, zone, true);
    }

    static Instant latest(LocalDateTime local, ZoneId zone) {
        return pick(local, zone, false);
    }

    private static Instant pick(LocalDateTime local, ZoneId zone, boolean earliest) {
        ZoneRules rules = zone.getRules();
        List<ZoneOffset> offsets = rules.getValidOffsets(local);
        if (offsets.isEmpty()) {
            // Skipped by the clocks going forward: the first instant showing a later time is the transition.
            ZoneOffsetTransition gap = rules.getTransition(local);
            return gap.getInstant();
        }
        Instant first = local.toInstant(offsets.get(0));
        Instant last = local.toInstant(offsets.get(offsets.size() - 1));
        Instant min = first.isBefore(last) ? first : last;
        Instant max = first.isBefore(last) ? last : first;
        return earliest ? min : max;
    }
}
