package io.jenkins.plugins.releasetrain.approval;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * How user and group names compare: without surrounding blanks and case, as Jenkins compares user ids by
 * default. Comparing "Alice" and "alice" as two people would let one person reach a quorum of two.
 */
final class Names {

    private Names() {}

    static String key(String name) {
        return name.strip().toLowerCase(Locale.ROOT);
    }

    static Set<String> keys(Collection<String> names) {
        Set<String> keys = new LinkedHashSet<>();
        names.forEach(n -> keys.add(key(n)));
        return keys;
    }

    static void requireName(String field, String what, String name) {
        if (name == null || name.isBlank()) {
            throw new RuleViolation(field, what + " is empty", "give a user or group name");
        }
    }
}
