package io.jenkins.plugins.releasetrain.ledger;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * One run of a release: {@code 20260822T101502Z-3f9a1c}. A release (one {@link
 * io.jenkins.plugins.releasetrain.manifest.ReleaseId}) may run several times (a failure, then a resume);
 * each run has its own id. The Jenkins plugin may use its build's id ({@code promote-prod#42}).
 */
public record RunId(String value) {

    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:#/@+-]{0,199}");
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    public RunId {
        if (value == null || !SHAPE.matcher(value).matches()) {
            throw new IllegalArgumentException("a run id is 1 to 200 letters, digits and ._:#/@+- : " + value);
        }
    }

    /**
     * A new id that sorts by start time; the random suffix tells apart runs started in the same second
     * (one environment cannot have two at once; it only has to be unlikely across environments).
     */
    public static RunId startingAt(Instant start) {
        return new RunId(STAMP.format(start) + "-"
                + String.format("%06x", ThreadLocalRandom.current().nextInt(1 << 24)));
    }

    @Override
    public String toString() {
        return value;
    }
}
