package io.jenkins.plugins.releasetrain.board;

import io.jenkins.plugins.releasetrain.ledger.ReleaseStarted;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Where a run was recorded from, as the details of its start say (docs/ledger.md): the Jenkins job and build
 * that ran it and the build's page. Runs from the command line record none of these.
 *
 * @param job the job's full name ({@code releases/production}), or null
 * @param build the build number, or null
 * @param url the build's page as recorded, or null
 */
public record RunOrigin(String job, String build, String url) {

    public static final String JOB = "jenkins.job";
    public static final String BUILD = "jenkins.build";
    public static final String URL = "jenkins.url";

    /** A run whose start is not in the ledger (its line was damaged): nothing is known of where it came from. */
    public static final RunOrigin UNKNOWN = new RunOrigin(null, null, null);

    public RunOrigin {
        job = blankToNull(job);
        build = blankToNull(build);
        url = blankToNull(url);
    }

    public static RunOrigin of(ReleaseStarted started) {
        Map<String, String> details = started.details();
        return new RunOrigin(details.get(JOB), details.get(BUILD), details.get(URL));
    }

    /** The build number, when one was recorded and is a number. */
    public OptionalInt buildNumber() {
        if (build == null || !build.chars().allMatch(c -> c >= '0' && c <= '9') || build.length() > 9) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(Integer.parseInt(build));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
