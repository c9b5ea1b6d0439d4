package io.jenkins.plugins.releasetrain.manifest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Maps a {@link YamlDocument} onto the release model, field by field, recording every problem and where
 * each value stands. Parts with errors are left out of the model so that the cross-field rules that run
 * next only see values that are valid on their own.
 */
final class ManifestReader {

    private final Findings findings;
    private final Map<String, SourcePosition> positions = new HashMap<>();
    private final Map<Object, String> paths = new java.util.IdentityHashMap<>();

    ManifestReader(Findings findings) {
        this.findings = findings;
    }

    Map<String, SourcePosition> positions() {
        return positions;
    }

    /** The source path of a product, deployment or image of the model that {@link #read} returned. */
    String pathOf(Object part) {
        return paths.getOrDefault(part, "");
    }

    private <T> T located(T part, String path) {
        paths.put(part, path);
        return part;
    }

    Optional<Release> read(YamlDocument document) {
        if (!(document.root() instanceof YamlMapping root)) {
            findings.error(
                    document.root().position(),
                    "a release manifest must be a mapping with 'environment' and 'products', not "
                            + document.root().kind(),
                    "start from examples/releases/staging-us-east-2.yaml");
            return Optional.empty();
        }
        MappingReader top = new MappingReader(root, "", "the manifest", ManifestFields.TOP, findings, positions);
        Optional<Environment> environment = top.mapping("environment").flatMap(this::environment);
        List<Product> products = new ArrayList<>();
        List<YamlMapping> items = top.mappings("products", true, "product");
        for (int i = 0; i < items.size(); i++) {
            product(items.get(i), "products[" + i + "]").ifPresent(products::add);
        }
        return environment.map(env -> new Release(env, products));
    }

    private Optional<Environment> environment(YamlMapping mapping) {
        MappingReader fields = new MappingReader(
                mapping, "environment", "the environment", ManifestFields.ENVIRONMENT, findings, positions);
        Optional<String> name = fields.required("name", FieldRules.DNS_LABEL_NAME);
        Optional<String> shortName = fields.required("shortName", FieldRules.DNS_LABEL_NAME);
        Optional<String> prefix = fields.required("destinationTagPrefix", FieldRules.OCI_TAG);
        if (name.isEmpty() || shortName.isEmpty() || prefix.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Environment(name.get(), shortName.get(), prefix.get()));
    }

    private Optional<Product> product(YamlMapping mapping, String path) {
        String label = mapping.get("name")
                .filter(YamlScalar.class::isInstance)
                .map(n -> "product '" + MappingReader.printable(((YamlScalar) n).value()) + "'")
                .orElse("a product");
        MappingReader fields = new MappingReader(mapping, path, label, ManifestFields.PRODUCT, findings, positions);
        Optional<String> name = fields.required("name", FieldRules.DNS_LABEL_NAME);
        Optional<String> version = fields.required("releaseVersion", FieldRules.SEMANTIC_VERSION);
        Optional<String> candidate = fields.required("releaseCandidate", FieldRules.RELEASE_CANDIDATE);
        List<Deployment> deployments = new ArrayList<>();
        List<YamlMapping> deploymentItems = fields.mappings("deployments", false, "deployment");
        for (int i = 0; i < deploymentItems.size(); i++) {
            deployment(deploymentItems.get(i), fields.child("deployments") + "[" + i + "]", label)
                    .ifPresent(deployments::add);
        }
        List<Image> images = new ArrayList<>();
        List<YamlMapping> imageItems = fields.mappings("images", false, "image");
        for (int i = 0; i < imageItems.size(); i++) {
            image(imageItems.get(i), fields.child("images") + "[" + i + "]", label)
                    .ifPresent(images::add);
        }
        if (name.isEmpty() || version.isEmpty() || candidate.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(located(
                new Product(name.get(), version.get(), Integer.parseInt(candidate.get()), deployments, images), path));
    }

    private Optional<Deployment> deployment(YamlMapping mapping, String path, String productLabel) {
        MappingReader fields = new MappingReader(
                mapping, path, "a deployment of " + productLabel, ManifestFields.DEPLOYMENT, findings, positions);
        Optional<String> repo = fields.required("gitRepoName", FieldRules.GIT_REPO_NAME);
        Optional<String> shortName = fields.required("gitRepoShortName", FieldRules.DNS_LABEL_NAME);
        Optional<String> commit = fields.required("gitCommit", FieldRules.GIT_COMMIT);
        Optional<String> workflow = fields.required("workflowBase", FieldRules.WORKFLOW_BASE);
        Optional<String> target = fields.required("deployTarget", FieldRules.DEPLOY_TARGET);
        if (repo.isEmpty() || shortName.isEmpty() || commit.isEmpty() || workflow.isEmpty() || target.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(
                located(new Deployment(repo.get(), shortName.get(), commit.get(), workflow.get(), target.get()), path));
    }

    private Optional<Image> image(YamlMapping mapping, String path, String productLabel) {
        MappingReader fields = new MappingReader(
                mapping, path, "an image of " + productLabel, ManifestFields.IMAGE, findings, positions);
        Optional<String> repo = fields.required("repoName", FieldRules.OCI_REPOSITORY);
        Optional<String> sourceTag = fields.required("sourceTag", FieldRules.OCI_TAG);
        Optional<String> destinationTag = fields.optional("destinationTag", FieldRules.OCI_TAG);
        if (repo.isEmpty() || sourceTag.isEmpty() || fields.rejected("destinationTag")) {
            return Optional.empty();
        }
        return Optional.of(located(new Image(repo.get(), sourceTag.get(), destinationTag.orElse(null)), path));
    }
}
