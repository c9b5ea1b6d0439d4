package io.jenkins.plugins.releasetrain.changelog;

import io.jenkins.plugins.releasetrain.manifest.Diagnostic;
import io.jenkins.plugins.releasetrain.plan.ReleasePlan;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a pull request's check says about a release manifest: passed or failed, a summary with the plan and
 * changelog of what merging would deploy, and one annotation per problem at its line and column. Neutral of
 * any code host; the Jenkins plugin hands it to the Checks API, which GitHub and GitLab show.
 *
 * @param name        the check's name on the pull request
 * @param passed      no errors (warnings allowed)
 * @param title       one line: "valid: 2 changed, 7 unchanged" or "2 errors"
 * @param summary     Markdown: the plan and changelog, or what to fix
 * @param annotations one per diagnostic, at its position in the manifest
 */
public record ManifestCheck(String name, boolean passed, String title, String summary, List<Annotation> annotations) {

    /** GitHub refuses more than 50 annotations per request; more are counted in the summary instead. */
    public static final int MAX_ANNOTATIONS = 50;

    public ManifestCheck {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(summary, "summary");
        annotations = List.copyOf(annotations);
    }

    /**
     * One problem at its place.
     *
     * @param path    the manifest's path in the repository, as the pull request names it
     * @param error   an error (fails the check) rather than a warning
     */
    public record Annotation(String path, int line, int column, boolean error, String message, String hint) {}

    /**
     * The check of manifest {@code path}: its diagnostics, and when it is valid and was planned, the plan and the
     * changelog of what merging would deploy.
     */
    public static ManifestCheck of(
            String name,
            String path,
            List<Diagnostic> diagnostics,
            Optional<ReleasePlan> plan,
            Optional<ReleaseChangelog> changelog) {
        long errors = diagnostics.stream().filter(Diagnostic::isError).count();
        long warnings = diagnostics.size() - errors;
        boolean passed = errors == 0;
        List<Annotation> annotations = diagnostics.stream()
                .limit(MAX_ANNOTATIONS)
                .map(d -> new Annotation(
                        path, d.position().line(), d.position().column(), d.isError(), d.message(), d.hint()))
                .toList();
        StringBuilder summary = new StringBuilder();
        String title;
        if (passed) {
            title = "valid" + plan.map(p -> ": " + counts(p)).orElse("")
                    + (warnings > 0 ? " (" + count(warnings, "warning") + ")" : "");
            summary.append(plan.map(p -> PlanMarkdown.of(
                            "What merging deploys to "
                                    + p.target().environment().name(),
                            p,
                            changelog))
                    .orElse("The manifest is valid. No deployed release was given to plan against.\n"));
        } else {
            title = count(errors, "error") + (warnings > 0 ? ", " + count(warnings, "warning") : "");
            summary.append("The manifest is not valid: ")
                    .append(count(errors, "error"))
                    .append(" to fix, each annotated at its line.\n\n");
            diagnostics.stream()
                    .filter(Diagnostic::isError)
                    .limit(10)
                    .forEach(d -> summary.append("- `")
                            .append(d.position().line())
                            .append(':')
                            .append(d.position().column())
                            .append("` ")
                            .append(ChangelogMarkdown.escape(d.message()))
                            .append(d.hint() == null ? "" : " (" + ChangelogMarkdown.escape(d.hint()) + ")")
                            .append('\n'));
        }
        if (diagnostics.size() > MAX_ANNOTATIONS) {
            summary.append("\n")
                    .append(diagnostics.size() - MAX_ANNOTATIONS)
                    .append(" more problems are in the build log.\n");
        }
        return new ManifestCheck(name, passed, title, summary.toString(), annotations);
    }

    private static String counts(ReleasePlan plan) {
        List<String> parts = new java.util.ArrayList<>();
        for (io.jenkins.plugins.releasetrain.plan.ChangeKind kind :
                io.jenkins.plugins.releasetrain.plan.ChangeKind.values()) {
            long n = plan.count(kind);
            if (n > 0) {
                parts.add(n + " " + kind.label());
            }
        }
        return parts.isEmpty() ? "nothing to deploy" : String.join(", ", parts);
    }

    private static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
