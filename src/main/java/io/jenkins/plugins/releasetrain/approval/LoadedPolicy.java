package io.jenkins.plugins.releasetrain.approval;

import io.jenkins.plugins.releasetrain.manifest.Diagnostic;
import io.jenkins.plugins.releasetrain.notify.Webhook;
import java.util.List;
import java.util.Objects;

/**
 * A policy file that passed validation, with the warnings worth showing (such as a rule that never applies).
 *
 * @param webhooks where release events are sent ({@code notifications.webhooks}); empty when none
 */
public record LoadedPolicy(
        String sourceName, ProtectionPolicy policy, List<Diagnostic> warnings, List<Webhook> webhooks) {

    public LoadedPolicy(String sourceName, ProtectionPolicy policy, List<Diagnostic> warnings) {
        this(sourceName, policy, warnings, List.of());
    }

    public LoadedPolicy {
        Objects.requireNonNull(sourceName, "sourceName");
        Objects.requireNonNull(policy, "policy");
        warnings = List.copyOf(warnings);
        webhooks = List.copyOf(webhooks);
    }
}
