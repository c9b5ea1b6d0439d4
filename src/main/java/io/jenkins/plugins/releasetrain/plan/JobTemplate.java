package io.jenkins.plugins.releasetrain.plan;

import io.jenkins.plugins.releasetrain.manifest.FieldRules;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Jenkins job that runs a deployment, named from its {@code workflowBase}: {@code
 * release-jobs/${workflowBase}} runs {@code release-jobs/lambda-job} for a {@code lambda-job} deployment.
 * The template is checked once, and a {@code workflowBase} can hold neither {@code /} nor {@code ..}, so no
 * manifest can make a release trigger a job outside the folder the template points into.
 */
public record JobTemplate(String template) {

    public static final String WORKFLOW_BASE = "${workflowBase}";

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)}");
    private static final String UNSAFE_IN_JOB_NAMES = "?*\\%!@#$^&|<>[]:;";
    private static final int MAX_LENGTH = 512;

    // After the constants above: building it runs the checks that use them.
    public static final JobTemplate DEFAULT = new JobTemplate("release-jobs/" + WORKFLOW_BASE);

    public JobTemplate {
        Objects.requireNonNull(template, "template");
        Optional<String> problem = problem(template);
        if (problem.isPresent()) {
            throw new IllegalArgumentException(problem.get());
        }
    }

    /** What is wrong with {@code template}, written for the person who typed it, or empty when it is usable. */
    public static Optional<String> problem(String template) {
        if (template == null || template.isBlank()) {
            return Optional.of("give a job name or path, for example release-jobs/" + WORKFLOW_BASE);
        }
        if (template.length() > MAX_LENGTH) {
            return Optional.of("a job template has at most " + MAX_LENGTH + " characters");
        }
        Matcher placeholder = PLACEHOLDER.matcher(template);
        while (placeholder.find()) {
            if (!placeholder.group().equals(WORKFLOW_BASE)) {
                return Optional.of(
                        "unknown placeholder " + placeholder.group() + "; the only placeholder is " + WORKFLOW_BASE);
            }
        }
        String path = template.replace(WORKFLOW_BASE, "x");
        String relative = path.startsWith("/") ? path.substring(1) : path;
        for (String segment : relative.split("/", -1)) {
            if (segment.isEmpty()) {
                return Optional.of("'" + template + "' has an empty path segment; write folder/job names separated"
                        + " by single '/'");
            }
            if (segment.equals(".") || segment.equals("..")) {
                return Optional.of("'" + template + "' uses '" + segment + "'; name the jobs' folder from the Jenkins"
                        + " root (or relative to the running job) without '.' or '..'");
            }
            for (int i = 0; i < segment.length(); i++) {
                char c = segment.charAt(i);
                if (Character.isISOControl(c) || UNSAFE_IN_JOB_NAMES.indexOf(c) >= 0) {
                    return Optional.of(
                            "'" + template + "' contains '" + c + "', which Jenkins does not allow in job" + " names");
                }
            }
            if (segment.endsWith(".")) {
                return Optional.of("'" + template + "' has a name ending with '.', which Jenkins does not allow");
            }
        }
        return Optional.empty();
    }

    /** The job for a deployment of {@code workflowBase}, which must be a valid manifest {@code workflowBase}. */
    public String jobFor(String workflowBase) {
        FieldRules.WORKFLOW_BASE.check(workflowBase).ifPresent(p -> {
            throw new IllegalArgumentException("workflowBase '" + workflowBase + "' " + p.message());
        });
        return template.replace(WORKFLOW_BASE, workflowBase);
    }

    @Override
    public String toString() {
        return template;
    }
}
