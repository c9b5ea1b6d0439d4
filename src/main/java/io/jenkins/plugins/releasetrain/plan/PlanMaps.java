package io.jenkins.plugins.releasetrain.plan;

import io.jenkins.plugins.releasetrain.manifest.ManifestMaps;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Plans and diffs as plain maps and lists, for JSON output and Pipeline step results. */
public final class PlanMaps {

    private PlanMaps() {}

    public static Map<String, Object> plan(ReleasePlan plan) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("environment", plan.target().environment().name());
        map.put("releaseId", plan.target().id().value());
        map.put("deployedReleaseId", plan.deployed().map(r -> r.id().value()).orElse(null));
        map.put("summary", summary(plan.artifacts()));
        map.put("products", plan.products().stream().map(PlanMaps::product).toList());
        map.put("artifacts", plan.artifacts().stream().map(PlanMaps::artifact).toList());
        return map;
    }

    public static Map<String, Object> diff(EnvironmentDiff diff) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("from", diff.from().environment().name());
        map.put("to", diff.to().environment().name());
        map.put("inSync", diff.isInSync());
        map.put("summary", summary(diff.artifacts()));
        map.put("products", diff.products().stream().map(PlanMaps::product).toList());
        map.put("artifacts", diff.artifacts().stream().map(PlanMaps::artifact).toList());
        return map;
    }

    public static Map<String, Object> artifact(PlannedArtifact planned) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("id", planned.id());
        map.put("product", planned.product());
        map.put("kind", planned.kind().idSegment());
        map.put("change", planned.change().label());
        map.put("before", planned.beforeArtifact().map(ManifestMaps::artifact).orElse(null));
        map.put("after", planned.afterArtifact().map(ManifestMaps::artifact).orElse(null));
        map.put("fields", planned.fields().stream().map(PlanMaps::field).toList());
        return map;
    }

    private static Map<String, Object> summary(List<PlannedArtifact> artifacts) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (ChangeKind kind : ChangeKind.values()) {
            map.put(
                    kind.label(),
                    artifacts.stream().filter(a -> a.change() == kind).count());
        }
        return map;
    }

    private static Map<String, Object> product(ProductChange change) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("name", change.product());
        map.put("change", change.change().label());
        map.put("before", change.before());
        map.put("after", change.after());
        return map;
    }

    private static Map<String, Object> field(FieldChange change) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("field", change.field());
        map.put("before", change.before());
        map.put("after", change.after());
        return map;
    }
}
