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
    private static final String ALLOWED = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._:/@+-";
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    public RunId {
        if (value == null || !SHAPE.matcher(value).matches()) {
            throw new IllegalArgumentException("a run id is 1 to 200 letters, digits and ._:#/@+- : " + value);
        }
    }

    /** Whether {@code value} has a run id's shape, so that reading one back from recorded details cannot fail. */
    public static boolean isValid(String value) {
        return value != null && SHAPE.matcher(value).matches();
    }

    /**
     * A new id that sorts by start time; the random suffix tells apart runs started in the same second
     * (one environment cannot have two at once; it only has to be unlikely across environments).
     */
    public static RunId startingAt(Instant start) {
        return new RunId(STAMP.format(start) + "-"
                + String.format("%06x", ThreadLocalRandom.current().nextInt(1 << 24)));
    }

    /**
     * The id of a CI build: {@code folder/promote-prod#42}, so that the ledger leads back to the build; a build
     * resumed after a restart keeps its id, a re-run is another build with its own. Characters a run id cannot hold (spaces,
     * non-ASCII letters) become {@code -}; an over-long job name keeps its end, which names the job itself.
     */
    public static RunId forBuild(String job, int number) {
        return forBuild(job, number, "");
    }

    /**
     * A second run of the same build, told apart by what it is: {@code folder/promote-prod#42+rollback} for the
     * rollback a rule makes after the build's release failed its verification.
     *
     * @param part letters, digits and {@code ._-}; empty for the build's own run
     */
    public static RunId forBuild(String job, int number, String part) {
        if (job == null || job.isBlank() || number < 1) {
            throw new IllegalArgumentException("a build is a job name and a number from 1: " + job + " #" + number);
        }
        if (part == null || !part.matches("[A-Za-z0-9._-]{0,40}")) {
            throw new IllegalArgumentException(
                    "a run of a build is named with up to 40 letters, digits and ._-: " + part);
        }
        String suffix = "#" + number + (part.isEmpty() ? "" : "+" + part);
        StringBuilder name = new StringBuilder();
        job.strip().codePoints().forEach(c -> name.append(c < 128 && ALLOWED.indexOf(c) >= 0 ? (char) c : '-'));
        int start = Math.max(0, name.length() - (200 - suffix.length()));
        while (start < name.length() && !Character.isLetterOrDigit(name.charAt(start))) {
            start++;
        }
        String kept = start < name.length() ? name.substring(start) : "build";
        return new RunId(kept + suffix);
    }

    @Override
    public String toString() {
        return value;
    }
}
