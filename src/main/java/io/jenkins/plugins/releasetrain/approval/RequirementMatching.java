package io.jenkins.plugins.releasetrain.approval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Assigns the people who approved a release to the requirements of a rule that asks for approvals from
 * several groups at once ("one from security and two from release leads"): each person counts toward at most
 * one requirement, and someone who could count toward several is placed wherever that lets the most
 * requirements be met. This is a maximum bipartite matching (people against the requirements' slots), found
 * with augmenting paths: when every requirement can be met by some assignment, this finds one.
 */
public final class RequirementMatching {

    /** One requirement: {@code count} approvals from the people in {@code eligible} (already name keys). */
    public record Requirement(String name, Set<String> eligible, int count) {

        public Requirement {
            Objects.requireNonNull(name, "name");
            eligible = Set.copyOf(eligible);
            if (count < 1) {
                throw new IllegalArgumentException("a requirement asks for at least one approval: " + count);
            }
        }
    }

    /**
     * The assignment found.
     *
     * @param assigned each counted person's requirement, by person, in the order they approved
     * @param missing  how many approvals each requirement still lacks, by requirement name (0 when met)
     */
    public record Assignment(Map<String, String> assigned, Map<String, Integer> missing) {

        public Assignment {
            assigned = Map.copyOf(assigned);
            missing = Map.copyOf(missing);
        }

        /** Whether every requirement is met. */
        public boolean satisfied() {
            return missing.values().stream().allMatch(n -> n == 0);
        }
    }

    private RequirementMatching() {}

    /**
     * Assigns {@code approvers} (name keys, each once, in the order they approved) to {@code requirements}.
     * The result counts as many approvals as any assignment could, and meets every requirement whenever some
     * assignment does.
     */
    public static Assignment assign(List<Requirement> requirements, List<String> approvers) {
        List<Integer> slotOwner = new ArrayList<>();
        for (int r = 0; r < requirements.size(); r++) {
            for (int k = 0; k < requirements.get(r).count(); k++) {
                slotOwner.add(r);
            }
        }
        List<String> people = approvers.stream().distinct().toList();
        int[] personInSlot = new int[slotOwner.size()];
        Arrays.fill(personInSlot, -1);
        for (int p = 0; p < people.size(); p++) {
            augment(p, people, requirements, slotOwner, personInSlot, new boolean[slotOwner.size()]);
        }
        Map<String, String> assigned = new LinkedHashMap<>();
        Map<String, Integer> missing = new LinkedHashMap<>();
        requirements.forEach(r -> missing.merge(r.name(), r.count(), Integer::sum));
        for (int slot = 0; slot < personInSlot.length; slot++) {
            if (personInSlot[slot] >= 0) {
                String requirement = requirements.get(slotOwner.get(slot)).name();
                assigned.put(people.get(personInSlot[slot]), requirement);
                missing.merge(requirement, -1, Integer::sum);
            }
        }
        Map<String, String> inApprovalOrder = new LinkedHashMap<>();
        people.stream().filter(assigned::containsKey).forEach(p -> inApprovalOrder.put(p, assigned.get(p)));
        return new Assignment(inApprovalOrder, missing);
    }

    /** Kuhn's augmenting path from person {@code p}: true when p now holds a slot (others may have moved). */
    private static boolean augment(
            int p,
            List<String> people,
            List<Requirement> requirements,
            List<Integer> slotOwner,
            int[] personInSlot,
            boolean[] visited) {
        for (int slot = 0; slot < slotOwner.size(); slot++) {
            if (visited[slot]
                    || !requirements.get(slotOwner.get(slot)).eligible().contains(people.get(p))) {
                continue;
            }
            visited[slot] = true;
            if (personInSlot[slot] < 0
                    || augment(personInSlot[slot], people, requirements, slotOwner, personInSlot, visited)) {
                personInSlot[slot] = p;
                return true;
            }
        }
        return false;
    }
}
