package io.jenkins.plugins.releasetrain.approval;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One answered prompt of a build, as the CI server recorded it: the prompt's id and the arguments it was shown
 * with (empty where the server did not keep them), who submitted it and the values they gave. The Pipeline
 * script never supplies any of this; the server's own records do.
 *
 * @param promptId the id the prompt was asked with
 * @param message the text the person read, when the server kept it
 * @param submitter who the prompt said may answer, when the server kept it
 * @param approver the authenticated user who submitted it; empty when nobody was signed in
 * @param values the values submitted, by parameter name
 */
public record PromptAnswer(
        String promptId,
        Optional<String> message,
        Optional<String> submitter,
        Optional<String> approver,
        Map<String, Object> values) {

    public PromptAnswer {
        Objects.requireNonNull(promptId, "promptId");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(submitter, "submitter");
        Objects.requireNonNull(approver, "approver");
        // LinkedHashMap rather than Map.copyOf: an input step may record a parameter left empty as null.
        values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }
}
