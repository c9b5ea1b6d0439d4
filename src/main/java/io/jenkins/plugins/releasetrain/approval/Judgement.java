package io.jenkins.plugins.releasetrain.approval;

import java.util.Objects;

/** One approval event weighed against the rule: its standing and a sentence saying why, for the reader. */
public record Judgement(ApprovalEvent event, Standing standing, String message) {

    public Judgement {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(standing, "standing");
        Objects.requireNonNull(message, "message");
    }

    public boolean counts() {
        return standing.counts();
    }
}
