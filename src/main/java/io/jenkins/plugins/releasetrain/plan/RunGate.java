package io.jenkins.plugins.releasetrain.plan;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A last check a run makes under the environment's lock, just before it records its start: whatever it
 * reads (approvals, rejections, promotion order) cannot change between the check and the run.
 */
@FunctionalInterface
public interface RunGate {

    /** Lets every run through. */
    RunGate OPEN = preview -> Verdict.pass(Map.of());

    /** {@code gate}, recording {@code details} with the run's start besides its grounds when it lets a run through. */
    static RunGate recording(RunGate gate, Map<String, String> details) {
        return preview -> {
            Verdict verdict = gate.check(preview);
            if (verdict.refusal().isPresent()) {
                return verdict;
            }
            Map<String, String> all = new java.util.LinkedHashMap<>(verdict.grounds());
            all.putAll(details);
            return Verdict.pass(all);
        };
    }

    /** Whether {@code preview} may run now, and on what grounds. */
    Verdict check(RunPreview preview);

    /**
     * The gate's answer.
     *
     * @param refusal why the run may not start, when it may not
     * @param grounds what let it through, recorded with the run's start (the rule and the decision under it)
     */
    record Verdict(Optional<String> refusal, Map<String, String> grounds) {

        public Verdict {
            Objects.requireNonNull(refusal, "refusal");
            grounds = Map.copyOf(grounds);
        }

        public static Verdict pass(Map<String, String> grounds) {
            return new Verdict(Optional.empty(), grounds);
        }

        public static Verdict refuse(String why) {
            return new Verdict(Optional.of(why), Map.of());
        }
    }
}
