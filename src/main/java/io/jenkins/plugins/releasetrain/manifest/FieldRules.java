package io.jenkins.plugins.releasetrain.manifest;

import java.util.Optional;
import java.util.regex.Pattern;

/** The rules for each kind of manifest value; the manifest reference (docs/manifest.md) lists the same. */
public final class FieldRules {

    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    private static final Pattern SEMVER = Pattern.compile("(0|[1-9]\\d*+)\\.(0|[1-9]\\d*+)\\.(0|[1-9]\\d*+)"
            + "(?:-[0-9A-Za-z-]++(?:\\.[0-9A-Za-z-]++)*+)?(?:\\+[0-9A-Za-z-]++(?:\\.[0-9A-Za-z-]++)*+)?");
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,9}");
    private static final int MAX_RELEASE_CANDIDATE = 100_000;

    /** Environment, short and product names: lowercase DNS labels, so they fit URLs, tags and job names. */
    public static final FieldRule DNS_LABEL_NAME =
            value -> DNS_LABEL.matcher(value).matches()
                    ? Optional.empty()
                    : Optional.of(Problem.error(
                            "is not a valid name",
                            "use 1 to 63 lowercase letters, digits and '-', starting and ending with a letter or digit"
                                    + suggestLowercase(value)));

    /** A job or handler name: it becomes a file name and a Jenkins job name, so no '/' and no '..'. */
    public static final FieldRule WORKFLOW_BASE = value -> safeName(value)
            ? Optional.empty()
            : Optional.of(Problem.error(
                    "is not a valid job or handler name",
                    "use letters, digits, '.', '_' and '-' (at most 100), starting with a letter or digit;"
                            + " paths such as 'a/b' or '..' are not allowed"));

    /** A repository name, optionally with its owner: {@code license-verification-lambda} or {@code org/repo}. */
    public static final FieldRule GIT_REPO_NAME = value -> {
        String[] parts = value.split("/", -1);
        boolean ok = parts.length <= 2 && java.util.Arrays.stream(parts).allMatch(FieldRules::safeName);
        return ok
                ? Optional.empty()
                : Optional.of(Problem.error(
                        "is not a valid repository name",
                        "use the repository's name as the git host shows it: letters, digits, '.', '_' and '-',"
                                + " optionally preceded by 'owner/'"));
    };

    public static final FieldRule GIT_COMMIT = value -> switch (CommitShas.classify(value)) {
        case FULL -> Optional.empty();
        case ABBREVIATED ->
            Optional.of(Problem.warning(
                    "is an abbreviated commit SHA (" + value.length() + " of 40 hex digits)",
                    "write the full SHA (git rev-parse " + value + ") so the release cannot become ambiguous"));
        case PLACEHOLDER ->
            Optional.of(Problem.error(
                    "looks like a placeholder, not a real commit",
                    "put the full 40-character SHA of the commit to release (git rev-parse HEAD in that repository)"));
        case INVALID ->
            Optional.of(Problem.error(
                    "is not a commit SHA",
                    "write the full 40-character hexadecimal SHA of the commit (git rev-parse HEAD); branch and tag"
                            + " names are not allowed because they move"));
    };

    public static final FieldRule DEPLOY_TARGET =
            value -> DeployTarget.of(value).isPresent()
                    ? Optional.empty()
                    : Optional.of(Problem.error(
                            "is not a known deploy target",
                            Suggestions.closest(value, DeployTarget.ids())
                                            .map(s -> "did you mean '" + s + "'? ")
                                            .orElse("")
                                    + "known targets: " + String.join(", ", DeployTarget.ids())));

    public static final FieldRule SEMANTIC_VERSION = value -> isSemanticVersion(value)
            ? Optional.empty()
            : Optional.of(Problem.error(
                    "is not a semantic version",
                    (value.startsWith("v") || value.startsWith("V")) && isSemanticVersion(value.substring(1))
                            ? "drop the leading 'v': write " + value.substring(1)
                            : "write MAJOR.MINOR.PATCH, for example 1.9.0"));

    public static final FieldRule RELEASE_CANDIDATE =
            value -> DIGITS.matcher(value).matches()
                            && Integer.parseInt(value) >= 1
                            && Integer.parseInt(value) <= MAX_RELEASE_CANDIDATE
                    ? Optional.empty()
                    : Optional.of(Problem.error(
                            "is not a release candidate number",
                            "write a whole number from 1 to " + MAX_RELEASE_CANDIDATE + ", for example 2 for rc2"));

    public static final FieldRule OCI_REPOSITORY = value -> OciNames.isRepository(value)
            ? Optional.empty()
            : Optional.of(Problem.error(
                    "is not a valid image repository name",
                    "use lowercase path components of letters and digits separated by '.', '_', '__' or '-',"
                            + " joined by '/', for example product1/microservice-1 (no registry host, no tag)"));

    public static final FieldRule OCI_TAG = value -> OciNames.isTag(value)
            ? Optional.empty()
            : Optional.of(Problem.error(
                    "is not a valid image tag",
                    "use at most 128 letters, digits, '_', '.' and '-', not starting with '.' or '-'"));

    private FieldRules() {}

    private static boolean isSemanticVersion(String value) {
        return value.length() <= 128 && SEMVER.matcher(value).matches();
    }

    private static boolean safeName(String value) {
        return SAFE_NAME.matcher(value).matches() && !value.contains("..");
    }

    private static String suggestLowercase(String value) {
        String lower = value.toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        return !lower.equals(value) && DNS_LABEL.matcher(lower).matches() ? " (for example '" + lower + "')" : "";
    }
}
