package io.jenkins.plugins.releasetrain.approval;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

/**
 * A time when a protected environment takes no releases, in a named time zone so that "Friday 18:00" means
 * Friday 18:00 where the people are, summer and winter alike.
 */
public sealed interface FreezeWindow permits WeeklyFreeze, DateRangeFreeze {

    String name();

    ZoneId timeZone();

    /** The occurrence of this window that contains {@code instant}, if any. */
    Optional<FreezePeriod> periodAt(Instant instant);
}
