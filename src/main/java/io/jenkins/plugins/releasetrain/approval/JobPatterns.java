package io.jenkins.plugins.releasetrain.approval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Which CI jobs may release into an environment, by full name: {@code infra/release-train/main} names one job,
 * {@code infra/release-train/*} every job directly in that folder, {@code infra/**} every job in it at any depth.
 * No pattern at all means any job may: environments nobody restricted keep working as before.
 *
 * @param patterns the patterns as written, each checked
 */
public record JobPatterns(List<String> patterns) {

    private static final Pattern SEGMENT = Pattern.compile("[^/*\\p{Cntrl}]+|\\*|\\*\\*");

    public JobPatterns {
        patterns = List.copyOf(patterns);
        patterns.forEach(JobPatterns::check);
    }

    /** Any job may release. */
    public static JobPatterns any() {
        return new JobPatterns(List.of());
    }

    /** Patterns written one per line or separated by commas, as in a form or a configuration file. */
    public static JobPatterns parse(String text) {
        List<String> patterns = new ArrayList<>();
        if (text != null) {
            Arrays.stream(text.split("[,\\r\\n]+"))
                    .map(String::strip)
                    .filter(p -> !p.isEmpty())
                    .forEach(patterns::add);
        }
        return new JobPatterns(patterns);
    }

    public boolean isAny() {
        return patterns.isEmpty();
    }

    /** Whether the job with this full name ({@code folder/job}) may release; an unknown job only when any may. */
    public boolean allows(java.util.Optional<String> jobFullName) {
        if (isAny()) {
            return true;
        }
        return jobFullName
                .filter(job -> patterns.stream().anyMatch(p -> matches(p, job)))
                .isPresent();
    }

    /** The patterns as written, comma-separated, for messages and forms. */
    public String describe() {
        return String.join(", ", patterns);
    }

    private static boolean matches(String pattern, String job) {
        return matches(pattern.split("/"), 0, job.split("/"), 0);
    }

    private static boolean matches(String[] pattern, int p, String[] job, int j) {
        if (p == pattern.length) {
            return j == job.length;
        }
        if (pattern[p].equals("**")) {
            // "folder/**" is every job inside the folder, at any depth, but not the folder itself
            for (int k = j + 1; k <= job.length; k++) {
                if (matches(pattern, p + 1, job, k)) {
                    return true;
                }
            }
            return false;
        }
        if (j == job.length) {
            return false;
        }
        return (pattern[p].equals("*") || pattern[p].equals(job[j])) && matches(pattern, p + 1, job, j + 1);
    }

    private static void check(String pattern) {
        if (pattern.startsWith("/") || pattern.endsWith("/")) {
            throw new IllegalArgumentException("job pattern '" + pattern
                    + "' starts or ends with '/': write the job's full name, such as infra/release-train/main");
        }
        for (String segment : pattern.split("/", -1)) {
            if (!SEGMENT.matcher(segment).matches()) {
                throw new IllegalArgumentException("job pattern '" + pattern + "' has the part '" + segment
                        + "': each part between '/' is a name, * (any one name) or ** (any names below)");
            }
        }
    }
}
