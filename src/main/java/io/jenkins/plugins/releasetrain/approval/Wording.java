package io.jenkins.plugins.releasetrain.approval;

import io.jenkins.plugins.releasetrain.manifest.PrintableText;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** How decisions say times, durations, lists and names that came from users. */
final class Wording {

    private static final DateTimeFormatter UTC =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter WALL =
            DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm zzz", Locale.ENGLISH);
    private static final Pattern FULL_SHA = Pattern.compile("[0-9a-f]{40}|[0-9a-f]{64}");

    private Wording() {}

    static String time(Instant instant) {
        return UTC.format(instant);
    }

    static String wallTime(ZonedDateTime time) {
        return WALL.format(time);
    }

    static String duration(Duration duration) {
        // People say "24 hours" and "36 hours", but "3 days".
        List<String> parts = new ArrayList<>();
        long days = duration.toHours() < 48 ? 0 : duration.toDays();
        long hours = days == 0 ? duration.toHours() : duration.toHoursPart();
        int minutes = duration.toMinutesPart();
        if (days > 0) {
            parts.add(count(days, "day"));
        }
        if (hours > 0) {
            parts.add(count(hours, "hour"));
        }
        if (minutes > 0 || parts.isEmpty()) {
            parts.add(count(minutes, "minute"));
        }
        return String.join(" ", parts);
    }

    static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /** "a", "a or b", "a, b or c". */
    static String alternatives(List<String> items) {
        return join(items, " or ");
    }

    /** "a", "a and b", "a, b and c". */
    static String both(List<String> items) {
        return join(items, " and ");
    }

    private static String join(List<String> items, String last) {
        if (items.size() <= 1) {
            return items.isEmpty() ? "" : items.get(0);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + last + items.get(items.size() - 1);
    }

    /** A full commit SHA or release id shortened to twelve digits, as the rest of the product shows them. */
    static String version(String version) {
        return FULL_SHA.matcher(version).matches() ? version.substring(0, 12) : version;
    }

    /** A user name or comment from outside, safe to print: no control characters, bounded length. */
    static String printable(String text) {
        return PrintableText.of(text, 200);
    }

    /** {@code : "comment"} when there is one, else nothing. */
    static String comment(String comment) {
        return comment == null || comment.isBlank() ? "" : ": \"" + printable(comment.strip()) + "\"";
    }
}
