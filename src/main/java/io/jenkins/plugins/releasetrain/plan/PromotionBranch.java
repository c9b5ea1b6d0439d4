package io.jenkins.plugins.releasetrain.plan;

import io.jenkins.plugins.releasetrain.manifest.DeploymentArtifact;
import io.jenkins.plugins.releasetrain.manifest.ImageArtifact;
import io.jenkins.plugins.releasetrain.manifest.Release;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One parallel branch of a promotion: a deployment, run by its job with the release context as parameters,
 * or the images of one product, retagged together.
 *
 * @param job the job to run, {@code null} for images
 * @param workflowBase the deployment's {@code workflowBase} (which handler runs it), {@code null} for images
 * @param context the release context of a deployment ({@link ReleaseContext}), empty for images
 */
public record PromotionBranch(
        String name,
        Kind kind,
        String product,
        List<PlannedArtifact> artifacts,
        String workflowBase,
        String job,
        Map<String, String> context) {

    public enum Kind {
        DEPLOYMENT,
        IMAGES;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public PromotionBranch {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(product, "product");
        artifacts = List.copyOf(artifacts);
        context = Collections.unmodifiableMap(new LinkedHashMap<>(context));
    }

    static PromotionBranch deployment(Release release, PlannedArtifact planned, JobTemplate jobTemplate) {
        DeploymentArtifact artifact = (DeploymentArtifact) planned.current();
        String workflowBase = artifact.deployment().workflowBase();
        return new PromotionBranch(
                "deploy " + artifact.product() + "/" + artifact.deployment().gitRepoShortName(),
                Kind.DEPLOYMENT,
                artifact.product(),
                List.of(planned),
                workflowBase,
                jobTemplate.jobFor(workflowBase),
                ReleaseContext.of(release, artifact));
    }

    static PromotionBranch images(String product, List<PlannedArtifact> images) {
        return new PromotionBranch("images " + product, Kind.IMAGES, product, images, null, null, Map.of());
    }

    /** The branch as plain maps and lists, the shape the {@code promoteRelease} script reads. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("name", name);
        map.put("kind", kind.label());
        map.put("product", product);
        map.put("artifactIds", artifacts.stream().map(PlannedArtifact::id).toList());
        if (kind == Kind.DEPLOYMENT) {
            map.put("change", artifacts.get(0).change().label());
            map.put("workflowBase", workflowBase);
            map.put("job", job);
            map.put("parameters", parameters());
            map.put("context", new LinkedHashMap<>(context));
        } else {
            map.put("images", artifacts.stream().map(PromotionBranch::image).toList());
        }
        return map;
    }

    private List<Map<String, Object>> parameters() {
        List<Map<String, Object>> parameters = new ArrayList<>();
        context.forEach((name, value) -> {
            Map<String, Object> parameter = new LinkedHashMap<>();
            parameter.put("name", name);
            parameter.put("value", value);
            parameters.add(parameter);
        });
        return parameters;
    }

    private static Map<String, Object> image(PlannedArtifact planned) {
        ImageArtifact image = (ImageArtifact) planned.current();
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("artifactId", planned.id());
        map.put("change", planned.change().label());
        map.put("repoName", image.image().repoName());
        map.put("sourceTag", image.image().sourceTag());
        map.put("destinationTag", image.destinationTag());
        return map;
    }
}
