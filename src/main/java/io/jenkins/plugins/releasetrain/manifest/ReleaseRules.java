package io.jenkins.plugins.releasetrain.manifest;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The rules that look at more than one value: names that must be unique, and the destination tags that
 * the images will receive in the environment.
 */
final class ReleaseRules {

    private final Findings findings;
    private final SourceMap sourceMap;
    private final Function<Object, String> pathOf;

    ReleaseRules(Findings findings, SourceMap sourceMap, Function<Object, String> pathOf) {
        this.findings = findings;
        this.sourceMap = sourceMap;
        this.pathOf = pathOf;
    }

    void check(Release release) {
        unique(
                release.products(),
                Product::name,
                "name",
                "a product named '%s' is already declared at line %d",
                "give each product its own name, or merge the two entries");
        Map<String, Object> destinations = new HashMap<>();
        java.util.Set<String> names = new java.util.HashSet<>();
        for (Product product : release.products()) {
            if (!names.add(product.name())) {
                continue; // a repeated product is reported once, not again through each of its images
            }
            unique(
                    product.deployments(),
                    Deployment::gitRepoShortName,
                    "gitRepoShortName",
                    "product '" + product.name() + "' already has a deployment with gitRepoShortName '%s' (line %d)",
                    "gitRepoShortName identifies the deployment (" + product.name()
                            + "/deploy/<gitRepoShortName>); give each deployment its own");
            unique(
                    product.images(),
                    Image::repoName,
                    "repoName",
                    "product '" + product.name() + "' already lists the image '%s' (line %d)",
                    "list each image repository once per product");
            if (product.deployments().isEmpty() && product.images().isEmpty()) {
                findings.warning(
                        position(product, "name"),
                        "product '" + product.name()
                                + "' has no deployments and no images, so releasing it does nothing",
                        "add its deployments or images, or remove the product");
            }
            for (Image image : product.images()) {
                destinationTag(release.environment(), image, destinations);
            }
        }
    }

    private void destinationTag(Environment environment, Image image, Map<String, Object> destinations) {
        String tag = image.destinationTagIn(environment);
        String field = image.destinationTag() != null ? "destinationTag" : "sourceTag";
        String origin = image.destinationTag() != null
                ? "the destinationTag"
                : "the destination tag derived from destinationTagPrefix '" + environment.destinationTagPrefix()
                        + "' and sourceTag '" + image.sourceTag() + "'";
        if (!OciNames.isTag(tag)) {
            findings.error(
                    position(image, field),
                    origin + " '" + MappingReader.printable(tag)
                            + "' is not a valid image tag"
                            + (tag.length() > OciNames.MAX_TAG_LENGTH
                                    ? " (" + tag.length() + " characters, at most " + OciNames.MAX_TAG_LENGTH + ")"
                                    : ""),
                    "shorten destinationTagPrefix or give the image an explicit destinationTag");
            return;
        }
        if (tag.equals(image.sourceTag())) {
            findings.error(
                    position(image, field),
                    origin + " '" + tag + "' is the source tag itself",
                    "an environment tag must differ from the build tag; check destinationTagPrefix");
        }
        Object other = destinations.putIfAbsent(image.repoName() + ":" + tag, image);
        if (other != null) {
            findings.error(
                    position(image, field),
                    "two images would both be tagged " + image.repoName() + ":" + tag + " (the other at line "
                            + position(other, "repoName").line() + ")",
                    "each image must get its own destination tag; give one an explicit destinationTag");
        }
    }

    private <T> void unique(List<T> items, Function<T, String> key, String field, String message, String hint) {
        Map<String, T> seen = new HashMap<>();
        for (T item : items) {
            T first = seen.putIfAbsent(key.apply(item), item);
            if (first != null) {
                findings.error(
                        position(item, field),
                        String.format(
                                java.util.Locale.ROOT,
                                message,
                                key.apply(item),
                                position(first, field).line()),
                        hint);
            }
        }
    }

    private SourcePosition position(Object part, String field) {
        return sourceMap.positionOf(pathOf.apply(part) + "." + field);
    }
}
