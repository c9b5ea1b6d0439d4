package io.jenkins.plugins.releasetrain.gitops;

import io.jenkins.plugins.releasetrain.manifest.Artifact;
import io.jenkins.plugins.releasetrain.manifest.ArtifactKind;
import io.jenkins.plugins.releasetrain.manifest.DeploymentArtifact;
import io.jenkins.plugins.releasetrain.manifest.ImageArtifact;
import io.jenkins.plugins.releasetrain.manifest.LoadedManifest;
import io.jenkins.plugins.releasetrain.manifest.ManifestException;
import io.jenkins.plugins.releasetrain.manifest.ManifestLoader;
import io.jenkins.plugins.releasetrain.manifest.Product;
import io.jenkins.plugins.releasetrain.manifest.Release;
import io.jenkins.plugins.releasetrain.manifest.YamlMapping;
import io.jenkins.plugins.releasetrain.manifest.YamlScalar;
import io.jenkins.plugins.releasetrain.manifest.YamlSequence;
import io.jenkins.plugins.releasetrain.plan.ChangeKind;
import io.jenkins.plugins.releasetrain.plan.EnvironmentDiff;
import io.jenkins.plugins.releasetrain.plan.FieldChange;
import io.jenkins.plugins.releasetrain.plan.PlannedArtifact;
import io.jenkins.plugins.releasetrain.plan.ProductChange;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Promotes one environment's release into another's manifest by editing the target's text in place:
 * each changed value is spliced over the old one at its source offsets, written in the old one's quoting
 * style; an artifact or product the target gains is copied as text from the source manifest (re-indented
 * to the target's list), one it loses is cut out with the comment lines attached to it. Everything else,
 * the target's {@code environment} block, comments, blank lines, key order, quoting, stays byte for byte.
 *
 * <p>The result is parsed and validated again and checked against the intended release before it is
 * returned: a promotion that would not come out exactly as intended is refused, never written.
 */
public final class ManifestPromotion {

    /**
     * Keys whose values belong to one environment and are never copied into another; the same as {@link
     * Artifact#environmentSpecificAttributes()} of images.
     */
    private static final Set<String> ENVIRONMENT_SPECIFIC_KEYS = Set.of("destinationTag");

    private final LoadedManifest source;
    private final LoadedManifest target;
    private final ManifestText sourceText;
    private final ManifestText targetText;
    private final ManifestNodes sourceNodes;
    private final ManifestNodes targetNodes;
    private final TextEdits edits = new TextEdits();
    private final List<String> notes = new ArrayList<>();

    private ManifestPromotion(LoadedManifest source, LoadedManifest target) {
        this.source = source;
        this.target = target;
        this.sourceText = new ManifestText(source.document().text());
        this.targetText = new ManifestText(target.document().text());
        this.sourceNodes = new ManifestNodes(source.document());
        this.targetNodes = new ManifestNodes(target.document());
    }

    /** {@code target}'s manifest with {@code selection} of {@code source}'s artifacts and versions promoted into it. */
    public static Promotion of(LoadedManifest source, LoadedManifest target, ArtifactSelection selection) {
        Objects.requireNonNull(selection, "selection");
        if (source.release()
                .environment()
                .name()
                .equals(target.release().environment().name())) {
            throw new PromotionNotPossibleException(
                    "both manifests are for " + source.release().environment().name(),
                    "promote from one environment into another, such as staging into production");
        }
        return new ManifestPromotion(source, target).promote(selection);
    }

    private Promotion promote(ArtifactSelection selection) {
        Release from = source.release();
        Release to = target.release();
        EnvironmentDiff diff = EnvironmentDiff.of(from, to);
        Set<String> selected = selection.resolve(diff);
        Set<String> done = new HashSet<>();
        List<ProductChange> products = new ArrayList<>();
        for (ProductChange product : diff.products()) {
            List<PlannedArtifact> pending = diff.artifacts().stream()
                    .filter(a -> a.product().equals(product.product()) && a.change() != ChangeKind.UNCHANGED)
                    .toList();
            long chosen =
                    pending.stream().filter(a -> selected.contains(a.id())).count();
            boolean whole = selection.isAll()
                    || selection.namesProduct(product.product())
                    || (!pending.isEmpty() && chosen == pending.size());
            switch (product.change()) {
                case ADDED -> {
                    if (whole) {
                        insertProduct(product.product());
                        pending.forEach(a -> done.add(a.id()));
                        products.add(product);
                    } else if (chosen > 0) {
                        throw new PromotionNotPossibleException(
                                "product '" + product.product() + "' is new in "
                                        + to.environment().name() + "; it can only be promoted whole",
                                "select the whole product: --artifacts " + product.product());
                    }
                }
                case REMOVED -> {
                    if (whole) {
                        removeBlock(
                                targetNodes.product(product.product()).orElseThrow(),
                                "product '" + product.product() + "' of " + target.sourceName());
                        pending.forEach(a -> done.add(a.id()));
                        products.add(product);
                    }
                }
                case CHANGED -> {
                    if (whole) {
                        promoteVersion(product.product());
                        products.add(product);
                    } else if (chosen > 0) {
                        notes.add(product.product() + " stays at " + product.before() + " in "
                                + to.environment().name()
                                + ": " + chosen + " of its " + pending.size() + " changed artifacts are promoted,"
                                + " not the whole of " + product.after());
                    }
                }
                case UNCHANGED -> {
                    // versions equal; its artifacts are handled one by one below
                }
            }
        }
        List<PlannedArtifact> artifacts = new ArrayList<>();
        for (PlannedArtifact artifact : diff.artifacts()) {
            if (!selected.contains(artifact.id())) {
                continue;
            }
            if (artifact.change() == ChangeKind.UNCHANGED) {
                if (selection.names().contains(artifact.id())) {
                    notes.add(artifact.id() + " is already the same in "
                            + to.environment().name());
                }
                continue;
            }
            artifacts.add(artifact);
            if (done.contains(artifact.id())) {
                continue;
            }
            switch (artifact.change()) {
                case CHANGED -> splice(artifact);
                case ADDED -> insertItem(artifact);
                case REMOVED ->
                    removeBlock(targetItem(artifact.before()), artifact.id() + " in " + target.sourceName());
                case UNCHANGED -> throw new IllegalStateException("unchanged artifacts are skipped above");
            }
        }
        String promotedText = edits.applyTo(targetText.text());
        Set<String> promotedIds = artifacts.stream().map(PlannedArtifact::id).collect(Collectors.toSet());
        Set<String> promotedProducts =
                products.stream().map(ProductChange::product).collect(Collectors.toSet());
        Release after = verify(promotedText, promotedIds, promotedProducts);
        return new Promotion(
                from.environment().name(),
                to.environment().name(),
                targetText.text(),
                promotedText,
                to,
                after,
                artifacts,
                products,
                notes);
    }

    private void splice(PlannedArtifact artifact) {
        YamlMapping item = targetItem(artifact.before());
        for (FieldChange field : artifact.fields()) {
            YamlScalar scalar = ManifestNodes.scalar(item, field.field())
                    .orElseThrow(() -> new PromotionNotPossibleException(
                            artifact.id() + " has no '" + field.field() + "' in " + target.sourceName(),
                            "add it by hand and run promote again"));
            replace(scalar, field.after(), artifact.id() + "'s " + field.field());
        }
    }

    private void promoteVersion(String productName) {
        YamlMapping from = sourceNodes.product(productName).orElseThrow();
        YamlMapping to = targetNodes.product(productName).orElseThrow();
        for (String key : List.of("releaseVersion", "releaseCandidate")) {
            YamlScalar wanted = ManifestNodes.scalar(from, key).orElseThrow();
            YamlScalar current = ManifestNodes.scalar(to, key).orElseThrow();
            if (!wanted.value().equals(current.value())) {
                replace(current, wanted.value(), productName + "'s " + key);
            }
        }
    }

    private void replace(YamlScalar scalar, String value, String what) {
        String text = ScalarText.render(value, scalar.style(), what + " in " + target.sourceName());
        edits.replace(targetText.charIndex(scalar.startIndex()), targetText.charIndex(scalar.endIndex()), text);
    }

    private void insertProduct(String name) {
        YamlSequence sourceList = sourceNodes.products().orElseThrow();
        YamlSequence targetList = targetNodes.products().orElseThrow();
        insert(sourceList, sourceNodes.product(name).orElseThrow(), targetList, "name", "product '" + name + "'");
    }

    private void insertItem(PlannedArtifact artifact) {
        Artifact added = artifact.after();
        String listKey = ManifestNodes.listKey(added.kind());
        YamlMapping sourceProduct = sourceNodes.product(added.product()).orElseThrow();
        YamlSequence sourceList = ManifestNodes.sequence(sourceProduct, listKey).orElseThrow();
        YamlMapping sourceItem = ManifestNodes.itemWith(
                        sourceList, ManifestNodes.identifyingKey(added.kind()), name(added))
                .orElseThrow();
        YamlMapping targetProduct = targetNodes.product(added.product()).orElseThrow();
        Optional<YamlSequence> targetList = ManifestNodes.sequence(targetProduct, listKey)
                .filter(list -> !ManifestNodes.mappings(list).isEmpty());
        if (targetList.isEmpty()) {
            throw new PromotionNotPossibleException(
                    "product '" + added.product() + "' has no " + listKey + " in " + target.sourceName() + " to add "
                            + added.id() + " to",
                    "add a '" + listKey + ":' list with the "
                            + (added.kind() == ArtifactKind.IMAGE ? "image" : "deployment")
                            + " to the product by hand (copy it from " + source.sourceName() + "), commit, and run"
                            + " promote again");
        }
        insert(sourceList, sourceItem, targetList.get(), ManifestNodes.identifyingKey(added.kind()), added.id());
    }

    /**
     * Copies {@code item} of {@code sourceList} into {@code targetList}, after the nearest item that comes
     * before it in the source and exists in the target (else before the target's first item), so that the
     * target keeps the source's order.
     */
    private void insert(YamlSequence sourceList, YamlMapping item, YamlSequence targetList, String key, String what) {
        List<YamlMapping> sourceItems = ManifestNodes.mappings(sourceList);
        List<YamlMapping> targetItems = ManifestNodes.mappings(targetList);
        ItemBlock first =
                ItemBlock.of(targetText, targetItems.get(0), "the first item of the list " + what + " goes into");
        int at = targetText.lineStart(first.firstLine());
        for (int i = sourceItems.indexOf(item) - 1; i >= 0; i--) {
            Optional<YamlMapping> previous =
                    ManifestNodes.itemWith(targetList, key, ManifestNodes.identity(sourceItems.get(i), key));
            if (previous.isPresent()) {
                ItemBlock block = ItemBlock.of(targetText, previous.get(), "the item before " + what);
                at = targetText.nextLineStart(block.lastLine());
                break;
            }
        }
        String copy = copy(item, first.dashColumn(), what);
        if (at == targetText.text().length() && !targetText.endsWithNewline()) {
            copy = targetText.newline()
                    + copy.substring(0, copy.length() - targetText.newline().length());
        }
        edits.insert(at, copy);
    }

    /** The source text of {@code item}, re-indented to {@code dashColumn}, without environment-specific values. */
    private String copy(YamlMapping item, int dashColumn, String what) {
        ItemBlock block = ItemBlock.of(sourceText, item, what + " in " + source.sourceName());
        Set<Integer> skipped = environmentSpecificLines(item, block, what);
        int shift = dashColumn - block.dashColumn();
        StringBuilder out = new StringBuilder();
        for (int line = block.dashLine(); line <= block.lastLine(); line++) {
            if (skipped.contains(line)) {
                continue;
            }
            String text = sourceText.line(line);
            if (text.isBlank()) {
                out.append(targetText.newline());
                continue;
            }
            if (shift >= 0) {
                text = " ".repeat(shift) + text;
            } else if (ItemBlock.indentation(text) >= -shift) {
                text = text.substring(-shift);
            } else {
                throw new PromotionNotPossibleException(
                        what + " in " + source.sourceName() + " cannot be re-indented to the target's list",
                        "add it to " + target.sourceName() + " by hand, commit, and run promote again");
            }
            out.append(text).append(targetText.newline());
        }
        return out.toString();
    }

    /** The lines of {@code destinationTag} entries under {@code item}: each environment derives its own. */
    private Set<Integer> environmentSpecificLines(YamlMapping item, ItemBlock block, String what) {
        Set<Integer> lines = new TreeSet<>();
        List<YamlMapping> images = new ArrayList<>();
        images.add(item);
        ManifestNodes.sequence(item, ManifestNodes.IMAGES)
                .map(ManifestNodes::mappings)
                .ifPresent(images::addAll);
        for (YamlMapping image : images) {
            for (YamlMapping.Entry entry : image.entries()) {
                if (!ENVIRONMENT_SPECIFIC_KEYS.contains(entry.key().value())) {
                    continue;
                }
                int first = sourceText.lineOf(sourceText.charIndex(entry.key().startIndex()));
                int[] last = {first};
                ManifestNodes.scalars(
                        entry.value(),
                        s -> last[0] = Math.max(
                                last[0], sourceText.lineOf(Math.max(0, sourceText.charIndex(s.endIndex()) - 1))));
                if (first == block.dashLine() || (image != item && isFirstEntry(image, entry))) {
                    throw new PromotionNotPossibleException(
                            what + " in " + source.sourceName() + " starts with its environment-specific '"
                                    + entry.key().value() + "', which promote leaves out of the copy",
                            "add it to " + target.sourceName() + " by hand, commit, and run promote again");
                }
                for (int line = first; line <= last[0]; line++) {
                    lines.add(line);
                }
                notes.add(what + ": the " + entry.key().value() + " of "
                        + source.release().environment().name() + " was not copied; "
                        + target.release().environment().name() + " derives its own");
            }
        }
        return lines;
    }

    private static boolean isFirstEntry(YamlMapping mapping, YamlMapping.Entry entry) {
        return mapping.entries().get(0) == entry;
    }

    private void removeBlock(YamlMapping item, String what) {
        ItemBlock block = ItemBlock.of(targetText, item, what);
        edits.replace(targetText.lineStart(block.firstLine()), targetText.nextLineStart(block.lastLine()), "");
    }

    private YamlMapping targetItem(Artifact artifact) {
        return targetNodes
                .item(artifact.product(), artifact.kind(), name(artifact))
                .orElseThrow(() -> new IllegalStateException("the validated target has no " + artifact.id()));
    }

    private static String name(Artifact artifact) {
        if (artifact instanceof DeploymentArtifact deployment) {
            return deployment.deployment().gitRepoShortName();
        }
        return ((ImageArtifact) artifact).image().repoName();
    }

    /** Parses the edited text and checks that it declares exactly the intended release. */
    private Release verify(String text, Set<String> promotedIds, Set<String> promotedProducts) {
        Release after;
        try {
            after = new ManifestLoader().load(target.sourceName(), text).release();
        } catch (ManifestException e) {
            throw new PromotionNotPossibleException(
                    "the promoted " + target.sourceName() + " would not be a valid manifest: "
                            + e.errors().get(0).format(),
                    "make the change by hand; please report this layout as a bug of release-train promote");
        }
        Release from = source.release();
        Release before = target.release();
        List<String> wrong = new ArrayList<>();
        if (!after.environment().equals(before.environment())) {
            wrong.add("the environment block");
        }
        Set<String> ids = new LinkedHashSet<>();
        for (Release release : List.of(before, from, after)) {
            release.artifacts().forEach(a -> ids.add(a.id()));
        }
        for (String id : ids) {
            boolean promoted = promotedIds.contains(id);
            Optional<Map<String, String>> expected =
                    (promoted ? from : before).artifact(id).map(a -> comparable(a, promoted));
            Optional<Map<String, String>> actual = after.artifact(id).map(a -> comparable(a, promoted));
            if (!expected.equals(actual)) {
                wrong.add(id);
            }
        }
        for (Product product : after.products()) {
            Release expected = promotedProducts.contains(product.name()) ? from : before;
            String wanted = expected.product(product.name())
                    .map(Product::displayVersion)
                    .orElse(null);
            if (!product.displayVersion().equals(wanted)) {
                wrong.add("the version of " + product.name());
            }
        }
        if (!wrong.isEmpty()) {
            throw new PromotionNotPossibleException(
                    "editing " + target.sourceName() + " in place does not come out as intended for "
                            + String.join(", ", wrong),
                    "make the change by hand; please report this layout as a bug of release-train promote");
        }
        return after;
    }

    private static Map<String, String> comparable(Artifact artifact, boolean acrossEnvironments) {
        Map<String, String> attributes = new HashMap<>(artifact.attributes());
        if (acrossEnvironments) {
            artifact.environmentSpecificAttributes().forEach(attributes::remove);
        }
        return attributes;
    }
}
