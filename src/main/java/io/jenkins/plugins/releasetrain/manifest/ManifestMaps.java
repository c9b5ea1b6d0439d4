package io.jenkins.plugins.releasetrain.manifest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Releases and diagnostics as plain maps and lists of strings and numbers: the shape of the CLI's JSON
 * output and of what Pipeline steps return (CPS-serializable, no script approval needed).
 */
public final class ManifestMaps {

    private ManifestMaps() {}

    public static Map<String, Object> release(Release release) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("releaseId", release.id().value());
        map.put("environment", environment(release.environment()));
        map.put(
                "products",
                release.products().stream().map(ManifestMaps::product).toList());
        map.put(
                "artifacts",
                release.artifacts().stream().map(ManifestMaps::artifact).toList());
        return map;
    }

    public static Map<String, Object> environment(Environment environment) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("name", environment.name());
        map.put("shortName", environment.shortName());
        map.put("destinationTagPrefix", environment.destinationTagPrefix());
        return map;
    }

    public static Map<String, Object> product(Product product) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("name", product.name());
        map.put("releaseVersion", product.releaseVersion());
        map.put("releaseCandidate", product.releaseCandidate());
        map.put(
                "deployments",
                product.deployments().stream().map(ManifestMaps::deployment).toList());
        map.put("images", product.images().stream().map(ManifestMaps::image).toList());
        return map;
    }

    public static Map<String, Object> artifact(Artifact artifact) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("id", artifact.id());
        map.put("product", artifact.product());
        map.put("kind", artifact.kind().idSegment());
        map.put("version", artifact.version());
        map.putAll(artifact.attributes());
        return map;
    }

    public static Map<String, Object> diagnostic(Diagnostic diagnostic) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("severity", diagnostic.severity().label());
        map.put("file", diagnostic.position().file());
        map.put("line", diagnostic.position().line());
        map.put("column", diagnostic.position().column());
        map.put("message", diagnostic.message());
        if (diagnostic.hint() != null) {
            map.put("hint", diagnostic.hint());
        }
        return map;
    }

    public static List<Map<String, Object>> diagnostics(List<Diagnostic> diagnostics) {
        return diagnostics.stream().map(ManifestMaps::diagnostic).toList();
    }

    private static Map<String, Object> deployment(Deployment deployment) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("gitRepoName", deployment.gitRepoName());
        map.put("gitRepoShortName", deployment.gitRepoShortName());
        map.put("gitCommit", deployment.gitCommit());
        map.put("workflowBase", deployment.workflowBase());
        map.put("deployTarget", deployment.deployTarget());
        return map;
    }

    private static Map<String, Object> image(Image image) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("repoName", image.repoName());
        map.put("sourceTag", image.sourceTag());
        if (image.destinationTag() != null) {
            map.put("destinationTag", image.destinationTag());
        }
        return map;
    }
}
