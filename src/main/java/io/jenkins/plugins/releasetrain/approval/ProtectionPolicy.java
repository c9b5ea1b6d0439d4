package io.jenkins.plugins.releasetrain.approval;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The protection rules of a server, in order. The first rule that matches an environment decides for it,
 * alone: rules are not merged, so put specific rules ({@code production-eu-west-1}) before general ones
 * ({@code production-*}). An environment that no rule matches is unprotected.
 */
public record ProtectionPolicy(List<ProtectionRule> rules) {

    public ProtectionPolicy {
        rules = List.copyOf(rules);
        Set<String> names = new HashSet<>();
        for (ProtectionRule rule : rules) {
            if (!names.add(Names.key(rule.name()))) {
                throw new RuleViolation(
                        "name",
                        "two rules are named '" + rule.name() + "'",
                        "give each rule its own name; decisions and the ledger quote it");
            }
        }
    }

    public static ProtectionPolicy none() {
        return new ProtectionPolicy(List.of());
    }

    public static ProtectionPolicy of(ProtectionRule... rules) {
        return new ProtectionPolicy(List.of(rules));
    }

    /** The first rule protecting {@code environment}; empty when the environment is unprotected. */
    public Optional<ProtectionRule> ruleFor(String environment) {
        return rules.stream().filter(r -> r.protects(environment)).findFirst();
    }
}
