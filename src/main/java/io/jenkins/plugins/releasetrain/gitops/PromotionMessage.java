package io.jenkins.plugins.releasetrain.gitops;

import io.jenkins.plugins.releasetrain.plan.FieldChange;
import io.jenkins.plugins.releasetrain.plan.PlannedArtifact;
import io.jenkins.plugins.releasetrain.plan.ProductChange;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The commit message of a promotion: a subject naming what is promoted where, one line per product
 * version and per artifact change, then the trailers that tie the commit to the release and its
 * approvals ({@code Release-Id:}, {@code Approved-by:}), which {@code git interpret-trailers} and
 * hosting services read.
 */
final class PromotionMessage {

    static final String RELEASE_ID = "Release-Id";
    static final String APPROVED_BY = "Approved-by";
    private static final int SUBJECT_LIMIT = 72;

    private PromotionMessage() {}

    static String of(Promotion promotion, String path, List<String> approvedBy) {
        return of(promotion, path, approvedBy, "");
    }

    /** As {@link #of(Promotion, String, List)}, with what the promoted versions contain in the body. */
    static String of(Promotion promotion, String path, List<String> approvedBy, String changes) {
        StringBuilder message = new StringBuilder(subject(promotion)).append("\n\n");
        if (isRestore(promotion)) {
            message.append("Makes ")
                    .append(path)
                    .append(" say again what runs in ")
                    .append(promotion.toEnvironment())
                    .append(".\n\n");
        } else {
            message.append("Promotes ")
                    .append(promotion.fromEnvironment())
                    .append(" into ")
                    .append(promotion.toEnvironment())
                    .append(" (")
                    .append(path)
                    .append(").\n\n");
        }
        for (ProductChange product : promotion.products()) {
            message.append(product.product())
                    .append(": ")
                    .append(product.change().label())
                    .append(' ')
                    .append(versions(product.before(), product.after()))
                    .append('\n');
        }
        for (PlannedArtifact artifact : promotion.artifacts()) {
            message.append("- ")
                    .append(artifact.id())
                    .append(": ")
                    .append(artifact.change().label());
            String fields =
                    artifact.fields().stream().map(PromotionMessage::field).collect(Collectors.joining(", "));
            if (!fields.isEmpty()) {
                message.append(' ').append(fields);
            }
            message.append('\n');
        }
        for (String note : promotion.notes()) {
            message.append("Note: ").append(note).append('\n');
        }
        if (!changes.isBlank()) {
            message.append('\n').append(changes.strip()).append('\n');
        }
        message.append('\n')
                .append(RELEASE_ID)
                .append(": ")
                .append(promotion.after().id().value())
                .append('\n');
        for (String approver : approvedBy) {
            message.append(APPROVED_BY)
                    .append(": ")
                    .append(trailerValue(approver))
                    .append('\n');
        }
        return message.toString();
    }

    /** A promotion of an environment into itself: its manifest restored from the ledger ({@link LedgerRestore}). */
    private static boolean isRestore(Promotion promotion) {
        return promotion.fromEnvironment().equals(promotion.toEnvironment());
    }

    static String subject(Promotion promotion) {
        String prefix = isRestore(promotion)
                ? "Match " + promotion.toEnvironment() + " to what runs there"
                : "Promote " + promotion.fromEnvironment() + " to " + promotion.toEnvironment();
        List<String> versions = promotion.products().stream()
                .filter(p -> p.after() != null)
                .map(p -> p.product() + " " + p.after())
                .toList();
        String what = versions.isEmpty()
                ? promotion.artifacts().size() + (promotion.artifacts().size() == 1 ? " artifact" : " artifacts")
                : String.join(", ", versions);
        String subject = prefix + ": " + what;
        if (subject.length() > SUBJECT_LIMIT && versions.size() > 1) {
            subject = prefix + ": " + versions.size() + " products";
        }
        return subject;
    }

    private static String versions(String before, String after) {
        if (before == null) {
            return after;
        }
        return after == null ? before : before + " -> " + after;
    }

    private static String field(FieldChange change) {
        return change.field() + " " + shortened(change.field(), change.before()) + " -> "
                + shortened(change.field(), change.after());
    }

    /** Commits are abbreviated like everywhere else in git; the Release-Id trailer pins the exact content. */
    private static String shortened(String field, String value) {
        return "gitCommit".equals(field) && value.length() > 12 ? value.substring(0, 12) : value;
    }

    /** One line, as a trailer must be: an approver name cannot smuggle in another trailer. */
    static String trailerValue(String value) {
        String line = value.strip();
        if (line.isEmpty() || line.contains("\n") || line.contains("\r")) {
            throw new PromotionNotPossibleException(
                    "an approver name must be one non-empty line: '" + value.replace("\n", "\\n") + "'",
                    "give each approver as its own --approved-by value");
        }
        return line;
    }
}
