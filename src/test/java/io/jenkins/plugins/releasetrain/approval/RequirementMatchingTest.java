package io.jenkins.plugins.releasetrain.approval;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.releasetrain.approval.RequirementMatching.Assignment;
import io.jenkins.plugins.releasetrain.approval.RequirementMatching.Requirement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** Approvals from several groups: the assignment against a brute-force oracle that tries every assignment. */
class RequirementMatchingTest {

    private static final List<String> PEOPLE = List.of("ann", "bob", "cid", "dee", "eve", "fay");

    @Test
    void aPersonInTwoGroupsCountsWhereTheReleaseNeedsThem() {
        // ann is in security and release-leads; bob only in release-leads. Counting ann for release-leads
        // first would leave security unmet; the assignment must put her in security.
        List<Requirement> rule = List.of(
                new Requirement("release-leads", Set.of("ann", "bob"), 1),
                new Requirement("security", Set.of("ann"), 1));

        Assignment assignment = RequirementMatching.assign(rule, List.of("ann", "bob"));

        assertThat(assignment.satisfied()).isTrue();
        assertThat(assignment.assigned()).containsEntry("ann", "security").containsEntry("bob", "release-leads");
    }

    @Test
    void oneApprovalNeverCountsTwice() {
        List<Requirement> rule = List.of(
                new Requirement("release-leads", Set.of("ann"), 1), new Requirement("security", Set.of("ann"), 1));

        Assignment assignment = RequirementMatching.assign(rule, List.of("ann", "ann"));

        assertThat(assignment.satisfied()).isFalse();
        assertThat(assignment.assigned()).hasSize(1);
        assertThat(assignment.missing().values()).containsExactlyInAnyOrder(0, 1);
    }

    @Property(tries = 400)
    void countsAsManyApprovalsAsTheBestAssignmentAndIsSatisfiedExactlyWhenSomeAssignmentIs(
            @ForAll("rules") List<Requirement> rule, @ForAll("approvers") List<String> approvers) {
        Assignment found = RequirementMatching.assign(rule, approvers);

        int best = bestCount(rule, approvers.stream().distinct().toList(), 0, new int[rule.size()]);
        int total = rule.stream().mapToInt(Requirement::count).sum();
        assertThat(found.assigned()).hasSize(best);
        assertThat(found.satisfied()).isEqualTo(best == total);
        // the assignment is a real one: eligible people, each once, no requirement over its count
        for (var entry : found.assigned().entrySet()) {
            Requirement requirement = rule.stream()
                    .filter(r -> r.name().equals(entry.getValue()))
                    .findFirst()
                    .orElseThrow();
            assertThat(requirement.eligible()).contains(entry.getKey());
        }
        for (Requirement requirement : rule) {
            long given = found.assigned().values().stream()
                    .filter(requirement.name()::equals)
                    .count();
            assertThat(given + found.missing().get(requirement.name())).isEqualTo(requirement.count());
        }
    }

    /** Tries every way to place each person (in one eligible requirement with room, or nowhere). */
    private static int bestCount(List<Requirement> rule, List<String> people, int next, int[] used) {
        if (next == people.size()) {
            return 0;
        }
        int best = bestCount(rule, people, next + 1, used);
        for (int r = 0; r < rule.size(); r++) {
            if (used[r] < rule.get(r).count() && rule.get(r).eligible().contains(people.get(next))) {
                used[r]++;
                best = Math.max(best, 1 + bestCount(rule, people, next + 1, used));
                used[r]--;
            }
        }
        return best;
    }

    @Provide
    Arbitrary<List<Requirement>> rules() {
        Arbitrary<Requirement> requirement = Combinators.combine(
                        Arbitraries.of(PEOPLE).set().ofMaxSize(PEOPLE.size()),
                        Arbitraries.integers().between(1, 3))
                .as((eligible, count) -> new Requirement("r", eligible, count));
        return requirement.list().ofMinSize(1).ofMaxSize(4).map(RequirementMatchingTest::named);
    }

    @Provide
    Arbitrary<List<String>> approvers() {
        return Arbitraries.of(PEOPLE).list().ofMaxSize(8);
    }

    private static List<Requirement> named(List<Requirement> requirements) {
        List<Requirement> named = new ArrayList<>();
        for (int i = 0; i < requirements.size(); i++) {
            Requirement r = requirements.get(i);
            named.add(new Requirement("group-" + i, r.eligible(), r.count()));
        }
        return named;
    }
}
