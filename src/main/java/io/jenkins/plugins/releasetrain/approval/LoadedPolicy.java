package io.jenkins.plugins.releasetrain.approval;

import io.jenkins.plugins.releasetrain.manifest.Diagnostic;
import java.util.List;
import java.util.Objects;

/** A policy file that passed validation, with the warnings worth showing (such as a rule that never applies). */
public record LoadedPolicy(String sourceName, ProtectionPolicy policy, List<Diagnostic> warnings) {

    public LoadedPolicy {
        Objects.requireNonNull(sourceName, "sourceName");
        Objects.requireNonNull(policy, "policy");
        warnings = List.copyOf(warnings);
    }
}
