package io.jenkins.plugins.releasetrain.approval;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The rule that decides for one environment once the environment's own promotion order is added: a server
 * that lists its environments with an upstream (staging before production) wants that order kept whatever
 * protection rule applies, and even where none does.
 */
public final class EnvironmentRules {

    /** The name of the rule of an environment that only its upstream protects. */
    public static final String PROMOTION_ORDER = "promotion-order";

    private EnvironmentRules() {}

    /**
     * The rule of {@code policy} for {@code environment}, requiring {@code upstream} too when there is one; an
     * environment no rule protects is then protected by its promotion order alone.
     */
    public static Optional<ProtectionRule> forEnvironment(
            ProtectionPolicy policy, String environment, Optional<String> upstream) {
        Optional<ProtectionRule> rule = policy.ruleFor(environment);
        if (upstream.isEmpty()) {
            return rule;
        }
        EnvironmentPattern required = EnvironmentPattern.of(upstream.get());
        if (rule.isEmpty()) {
            return Optional.of(
                    ProtectionRule.protecting(PROMOTION_ORDER, environment).withRequires(required.glob()));
        }
        if (rule.get().requires().contains(required)) {
            return rule;
        }
        List<String> requires = new ArrayList<>();
        rule.get().requires().forEach(p -> requires.add(p.glob()));
        requires.add(required.glob());
        return Optional.of(rule.get().withRequires(requires.toArray(String[]::new)));
    }
}
