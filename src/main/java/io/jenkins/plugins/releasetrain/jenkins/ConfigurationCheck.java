package io.jenkins.plugins.releasetrain.jenkins;

import io.jenkins.plugins.releasetrain.image.RegistryReference;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Every check of the Release Train configuration as a whole, in one place: the form, configuration as code
 * (through the setters) and the configuration file read at start-up all go through it, so none of them can
 * keep what another refuses.
 */
final class ConfigurationCheck {

    /** What is wrong, and the field of the configuration it is about. */
    record Problem(String field, String message) {}

    private ConfigurationCheck() {}

    static Optional<Problem> environments(List<ReleaseEnvironment> environments) {
        Set<String> seen = new HashSet<>();
        for (ReleaseEnvironment environment : environments) {
            String upstream = environment.getUpstream();
            if (!seen.add(environment.getName())) {
                return problem(
                        "environments", Messages.ReleaseTrainConfiguration_DuplicateEnvironment(environment.getName()));
            }
            if (upstream != null && !seen.contains(upstream)) {
                return problem(
                        "environments",
                        Messages.ReleaseTrainConfiguration_UpstreamNotBefore(environment.getName(), upstream));
            }
        }
        return Optional.empty();
    }

    static Optional<Problem> registries(List<ReleaseRegistry> registries) {
        Set<String> seen = new HashSet<>();
        for (ReleaseRegistry registry : registries) {
            if (!seen.add(registry.getName())) {
                return problem("registries", Messages.ConfigurationCheck_DuplicateRegistry(registry.getName()));
            }
            String problem = ReleaseRegistry.urlProblem(registry.getType(), registry.getUrl());
            if (problem == null) {
                problem = ReleaseRegistry.regionProblem(registry.getType(), registry.getRegion());
            }
            if (problem == null) {
                try {
                    RegistryReference.parse(registry.reference());
                } catch (IllegalArgumentException e) {
                    problem = e.getMessage();
                }
            }
            if (problem != null) {
                return problem("registries", Messages.ConfigurationCheck_InvalidRegistry(registry.getName(), problem));
            }
        }
        return Optional.empty();
    }

    static Optional<Problem> protectionRules(List<ReleaseProtectionRule> rules) {
        Set<String> seen = new HashSet<>();
        for (ReleaseProtectionRule rule : rules) {
            if (!seen.add(rule.getName())) {
                return problem("protectionRules", Messages.ConfigurationCheck_DuplicateRule(rule.getName()));
            }
        }
        return Optional.empty();
    }

    /** The first problem of the whole configuration, if any. */
    static Optional<Problem> all(
            List<ReleaseEnvironment> environments,
            List<ReleaseRegistry> registries,
            List<ReleaseProtectionRule> rules) {
        return environments(environments).or(() -> registries(registries)).or(() -> protectionRules(rules));
    }

    /** For setters: configuration as code reports the exception, naming the field. */
    static void require(Optional<Problem> problem) {
        problem.ifPresent(p -> {
            throw new IllegalArgumentException(p.field() + ": " + p.message());
        });
    }

    private static Optional<Problem> problem(String field, String message) {
        return Optional.of(new Problem(field, message));
    }
}
