package io.jenkins.plugins.releasetrain.gitops;

import io.jenkins.plugins.releasetrain.manifest.ArtifactKind;
import io.jenkins.plugins.releasetrain.manifest.YamlDocument;
import io.jenkins.plugins.releasetrain.manifest.YamlMapping;
import io.jenkins.plugins.releasetrain.manifest.YamlNode;
import io.jenkins.plugins.releasetrain.manifest.YamlScalar;
import io.jenkins.plugins.releasetrain.manifest.YamlSequence;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Finds the nodes of a validated manifest's tree by what they are in the model: the product named X, its
 * deployment with gitRepoShortName Y, its image with repoName Z, and their fields. Validation already
 * guaranteed the shapes, so lookups here only fail by absence.
 */
final class ManifestNodes {

    static final String PRODUCTS = "products";
    static final String DEPLOYMENTS = "deployments";
    static final String IMAGES = "images";

    private final YamlMapping root;

    ManifestNodes(YamlDocument document) {
        this.root = (YamlMapping) document.root();
    }

    Optional<YamlSequence> products() {
        return sequence(root, PRODUCTS);
    }

    Optional<YamlMapping> product(String name) {
        return products().flatMap(list -> itemWith(list, "name", name));
    }

    static String listKey(ArtifactKind kind) {
        return kind == ArtifactKind.DEPLOYMENT ? DEPLOYMENTS : IMAGES;
    }

    static String identifyingKey(ArtifactKind kind) {
        return kind == ArtifactKind.DEPLOYMENT ? "gitRepoShortName" : "repoName";
    }

    /** The deployment or image of {@code product} whose identifying field is {@code name}. */
    Optional<YamlMapping> item(String product, ArtifactKind kind, String name) {
        return product(product)
                .flatMap(p -> sequence(p, listKey(kind)))
                .flatMap(list -> itemWith(list, identifyingKey(kind), name));
    }

    static Optional<YamlSequence> sequence(YamlMapping mapping, String key) {
        return mapping.get(key).filter(YamlSequence.class::isInstance).map(YamlSequence.class::cast);
    }

    static Optional<YamlScalar> scalar(YamlMapping mapping, String key) {
        return mapping.get(key).filter(YamlScalar.class::isInstance).map(YamlScalar.class::cast);
    }

    static Optional<YamlMapping> itemWith(YamlSequence list, String key, String value) {
        return list.items().stream()
                .filter(YamlMapping.class::isInstance)
                .map(YamlMapping.class::cast)
                .filter(m -> scalar(m, key)
                        .map(YamlScalar::value)
                        .filter(value::equals)
                        .isPresent())
                .findFirst();
    }

    /** The identifying value of a list item (product name, gitRepoShortName, repoName). */
    static String identity(YamlMapping item, String key) {
        return scalar(item, key).map(YamlScalar::value).orElse("");
    }

    /** Every scalar under {@code node}, keys included: what a block's extent is measured from. */
    static void scalars(YamlNode node, Consumer<YamlScalar> action) {
        if (node instanceof YamlScalar scalar) {
            action.accept(scalar);
        } else if (node instanceof YamlSequence sequence) {
            sequence.items().forEach(item -> scalars(item, action));
        } else if (node instanceof YamlMapping mapping) {
            for (YamlMapping.Entry entry : mapping.entries()) {
                action.accept(entry.key());
                scalars(entry.value(), action);
            }
        }
    }

    static List<YamlMapping> mappings(YamlSequence list) {
        return list.items().stream()
                .filter(YamlMapping.class::isInstance)
                .map(YamlMapping.class::cast)
                .toList();
    }
}
