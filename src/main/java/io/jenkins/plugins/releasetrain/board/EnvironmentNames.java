package io.jenkins.plugins.releasetrain.board;

import io.jenkins.plugins.releasetrain.manifest.FieldRules;
import io.jenkins.plugins.releasetrain.manifest.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A list of environments as people type it in a form field: names separated by commas or spaces, in
 * promotion order, each an environment name (a DNS label) given once.
 */
public final class EnvironmentNames {

    private EnvironmentNames() {}

    /**
     * The names in the order given; empty for blank text.
     *
     * @throws IllegalArgumentException saying which name is wrong and how to write it
     */
    public static List<String> parse(String text) {
        List<String> names = new ArrayList<>();
        if (text == null) {
            return names;
        }
        for (String name : text.strip().split("[\\s,]+")) {
            if (name.isEmpty()) {
                continue;
            }
            Optional<Problem> problem = FieldRules.DNS_LABEL_NAME.check(name);
            if (problem.isPresent()) {
                throw new IllegalArgumentException("The environment name " + name + " "
                        + problem.get().message() + ": " + problem.get().hint());
            }
            if (names.contains(name)) {
                throw new IllegalArgumentException("The environment " + name + " is listed twice");
            }
            names.add(name);
        }
        return List.copyOf(names);
    }

    /** The names as the form shows them again: {@code staging-us-east-2, production-us-east-2}. */
    public static String format(List<String> names) {
        return String.join(", ", names);
    }
}
