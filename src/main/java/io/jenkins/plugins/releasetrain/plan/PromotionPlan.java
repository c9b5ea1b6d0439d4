package io.jenkins.plugins.releasetrain.plan;

import io.jenkins.plugins.releasetrain.manifest.ArtifactKind;
import io.jenkins.plugins.releasetrain.manifest.Product;
import io.jenkins.plugins.releasetrain.manifest.Release;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * What a promotion will run: the plan, and from it the ordered parallel branches (each product's
 * deployments, then one branch for its images) and the artifacts left out with the reason. The Pipeline
 * script only walks these branches; every choice is made here.
 */
public record PromotionPlan(
        ReleasePlan plan,
        JobTemplate jobTemplate,
        PromotionScope scope,
        List<PromotionBranch> branches,
        List<SkippedArtifact> skipped) {

    /** An artifact of the release that the promotion does not run, and why ("unchanged", "succeeded"). */
    public record SkippedArtifact(PlannedArtifact artifact, String reason) {

        public SkippedArtifact {
            Objects.requireNonNull(artifact, "artifact");
            Objects.requireNonNull(reason, "reason");
        }
    }

    public PromotionPlan {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(jobTemplate, "jobTemplate");
        Objects.requireNonNull(scope, "scope");
        branches = List.copyOf(branches);
        skipped = List.copyOf(skipped);
    }

    public static PromotionPlan of(ReleasePlan plan, JobTemplate jobTemplate, PromotionScope scope) {
        Release release = plan.target();
        Map<String, List<PlannedArtifact>> byProduct = plan.artifacts().stream()
                .filter(a -> a.change() != ChangeKind.REMOVED)
                .collect(Collectors.groupingBy(PlannedArtifact::product, LinkedHashMap::new, Collectors.toList()));
        List<PromotionBranch> branches = new ArrayList<>();
        List<SkippedArtifact> skipped = new ArrayList<>();
        for (Product product : release.products()) {
            List<PlannedArtifact> images = new ArrayList<>();
            for (PlannedArtifact artifact : byProduct.getOrDefault(product.name(), List.of())) {
                String reason = scope.skipReason(artifact);
                if (reason != null) {
                    skipped.add(new SkippedArtifact(artifact, reason));
                } else if (artifact.kind() == ArtifactKind.DEPLOYMENT) {
                    branches.add(PromotionBranch.deployment(release, artifact, jobTemplate));
                } else {
                    images.add(artifact);
                }
            }
            if (!images.isEmpty()) {
                branches.add(PromotionBranch.images(product.name(), images));
            }
        }
        return new PromotionPlan(plan, jobTemplate, scope, branches, skipped);
    }

    public Release release() {
        return plan.target();
    }

    /**
     * The plan ({@link PlanMaps#plan}) plus the branches, the skipped artifacts and the plan as text: what the
     * {@code releasePlan} step returns.
     */
    public Map<String, Object> toMap() {
        Map<String, Object> map = PlanMaps.plan(plan);
        map.put("jobTemplate", jobTemplate.template());
        map.put("all", scope.allArtifacts());
        map.put("resume", scope.resume());
        map.put("branches", branches.stream().map(PromotionBranch::toMap).toList());
        map.put("skipped", skipped.stream().map(PromotionPlan::skipped).toList());
        map.put("text", describe());
        return map;
    }

    /** The plan for a build log: what is deployed, the counts, each branch, and what is left out. */
    public String describe() {
        StringBuilder text = new StringBuilder();
        text.append("Release ")
                .append(release().id().shortForm())
                .append(" for ")
                .append(release().environment().name())
                .append(plan.deployed()
                        .map(r -> ", compared with deployed release " + r.id().shortForm())
                        .orElse(
                                plan.count(ChangeKind.ADDED) == plan.artifacts().size()
                                        ? ", nothing recorded as deployed"
                                        : ", compared with what the ledger records as live"))
                .append('\n');
        text.append("  ")
                .append(plan.count(ChangeKind.ADDED))
                .append(" added, ")
                .append(plan.count(ChangeKind.CHANGED))
                .append(" changed, ")
                .append(plan.count(ChangeKind.UNCHANGED))
                .append(" unchanged, ")
                .append(plan.count(ChangeKind.REMOVED))
                .append(" removed\n");
        if (branches.isEmpty()) {
            text.append("  nothing to run\n");
        }
        int width = branches.stream().mapToInt(b -> b.name().length()).max().orElse(0);
        for (PromotionBranch branch : branches) {
            text.append("  ").append(pad(branch.name(), width)).append("  ");
            if (branch.kind() == PromotionBranch.Kind.DEPLOYMENT) {
                text.append(branch.job())
                        .append(" (")
                        .append(branch.artifacts().get(0).change().label())
                        .append(")");
            } else {
                text.append(branch.artifacts().size())
                        .append(branch.artifacts().size() == 1 ? " image" : " images")
                        .append(" (")
                        .append(changeCounts(branch.artifacts()))
                        .append(")");
            }
            text.append('\n');
        }
        for (SkippedArtifact skip : skipped) {
            text.append("  skip ")
                    .append(skip.artifact().id())
                    .append(" (")
                    .append(skip.reason())
                    .append(")\n");
        }
        return text.toString();
    }

    private static String changeCounts(List<PlannedArtifact> artifacts) {
        Map<ChangeKind, Long> counts = artifacts.stream()
                .collect(Collectors.groupingBy(PlannedArtifact::change, LinkedHashMap::new, Collectors.counting()));
        return counts.entrySet().stream()
                .map(e -> e.getValue() + " " + e.getKey().label())
                .collect(Collectors.joining(", "));
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(width - text.length());
    }

    private static Map<String, Object> skipped(SkippedArtifact skip) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("artifactId", skip.artifact().id());
        map.put("product", skip.artifact().product());
        map.put("kind", skip.artifact().kind().idSegment());
        map.put("reason", skip.reason());
        return map;
    }
}
