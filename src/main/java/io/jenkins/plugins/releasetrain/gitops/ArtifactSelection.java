package io.jenkins.plugins.releasetrain.gitops;

import io.jenkins.plugins.releasetrain.plan.ChangeKind;
import io.jenkins.plugins.releasetrain.plan.EnvironmentDiff;
import io.jenkins.plugins.releasetrain.plan.PlannedArtifact;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which artifacts a promotion takes from the source environment: all of them, or the ones named by id
 * ({@code product1/deploy/resources}) or by product ({@code product1}: all of its artifacts).
 */
public record ArtifactSelection(List<String> names) {

    public ArtifactSelection {
        names = List.copyOf(names);
    }

    public static ArtifactSelection all() {
        return new ArtifactSelection(List.of());
    }

    public static ArtifactSelection of(List<String> names) {
        return new ArtifactSelection(names);
    }

    public boolean isAll() {
        return names.isEmpty();
    }

    /** Whether {@code product} is named as a whole (then its version follows even when no artifact changed). */
    boolean namesProduct(String product) {
        return names.stream().map(String::strip).anyMatch(product::equals);
    }

    /** The ids of the artifacts selected among those {@code diff} knows (either side). */
    Set<String> resolve(EnvironmentDiff diff) {
        if (isAll()) {
            return diff.artifacts().stream()
                    .filter(a -> a.change() != ChangeKind.UNCHANGED)
                    .map(PlannedArtifact::id)
                    .collect(Collectors.toCollection(LinkedHashSet::new));
        }
        Set<String> selected = new LinkedHashSet<>();
        for (String name : names) {
            String wanted = name.strip();
            List<String> matching = diff.artifacts().stream()
                    .filter(a -> a.id().equals(wanted) || a.product().equals(wanted))
                    .map(PlannedArtifact::id)
                    .toList();
            if (matching.isEmpty()) {
                throw new PromotionNotPossibleException(
                        "no artifact or product '" + wanted + "' in "
                                + diff.from().environment().name() + " or "
                                + diff.to().environment().name(),
                        "give artifact ids as `release-train diff` shows them, such as "
                                + diff.artifacts().stream()
                                        .map(PlannedArtifact::id)
                                        .findFirst()
                                        .orElse("product1/deploy/name")
                                + ", or a product name");
            }
            selected.addAll(matching);
        }
        return selected;
    }
}
