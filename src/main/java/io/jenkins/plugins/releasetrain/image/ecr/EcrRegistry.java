package io.jenkins.plugins.releasetrain.image.ecr;

import io.jenkins.plugins.releasetrain.image.Digest;
import io.jenkins.plugins.releasetrain.image.ImageManifest;
import io.jenkins.plugins.releasetrain.image.ImageNames;
import io.jenkins.plugins.releasetrain.image.ImageRef;
import io.jenkins.plugins.releasetrain.image.ImageRegistry;
import io.jenkins.plugins.releasetrain.image.InvalidManifestException;
import io.jenkins.plugins.releasetrain.image.KnownTags;
import io.jenkins.plugins.releasetrain.image.MediaTypes;
import io.jenkins.plugins.releasetrain.image.PutResult;
import io.jenkins.plugins.releasetrain.image.RegistryException;
import io.jenkins.plugins.releasetrain.image.TagState;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.BatchGetImageResponse;
import software.amazon.awssdk.services.ecr.model.DescribeImagesResponse;
import software.amazon.awssdk.services.ecr.model.EcrException;
import software.amazon.awssdk.services.ecr.model.Image;
import software.amazon.awssdk.services.ecr.model.ImageAlreadyExistsException;
import software.amazon.awssdk.services.ecr.model.ImageDetail;
import software.amazon.awssdk.services.ecr.model.ImageDigestDoesNotMatchException;
import software.amazon.awssdk.services.ecr.model.ImageFailure;
import software.amazon.awssdk.services.ecr.model.ImageFailureCode;
import software.amazon.awssdk.services.ecr.model.ImageIdentifier;
import software.amazon.awssdk.services.ecr.model.ImageTagAlreadyExistsException;
import software.amazon.awssdk.services.ecr.model.LayersNotFoundException;
import software.amazon.awssdk.services.ecr.model.PutImageResponse;
import software.amazon.awssdk.services.ecr.model.ReferencedImagesNotFoundException;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;
import software.amazon.awssdk.services.ecr.model.TagStatus;

/**
 * {@code ecr:REGION[:ACCOUNT]}: Amazon ECR through the AWS SDK v2.
 *
 * <p>Calls for n images in one repository: ceil(n/100) {@code BatchGetImage} for the source manifests,
 * one {@code DescribeImages} page per 1000 images of the repository for where destination tags point,
 * and one {@code PutImage} per image that changes. Retries (throttling included) are the SDK's, bounded
 * by {@link EcrSettings#retry()}; what still fails after them is reported, not retried again.
 */
public final class EcrRegistry implements ImageRegistry {

    /** BatchGetImage's limit on image ids per call. */
    static final int BATCH_SIZE = 100;

    private static final int DESCRIBE_PAGE_SIZE = 1000;
    private static final int MAX_DESCRIBE_PAGES = 10;

    private final EcrSettings settings;
    private final EcrClient ecr;
    private final List<AutoCloseable> resources;

    public EcrRegistry(EcrSettings settings) {
        this.settings = settings;
        EcrClients.Opened opened = EcrClients.create(settings);
        this.ecr = opened.ecr();
        this.resources = opened.resources();
    }

    @Override
    public String reference() {
        return settings.reference();
    }

    @Override
    public boolean sameStoreAs(ImageRegistry other) {
        return other instanceof EcrRegistry that
                && that.settings.region().equals(settings.region())
                && that.settings.registry().equals(settings.registry());
    }

    @Override
    public KnownTags lookup(Collection<ImageRef> sources, Collection<ImageRef> destinations) {
        Map<ImageRef, TagState> known = new HashMap<>();
        byRepository(sources).forEach((repository, tags) -> known.putAll(batchGet(repository, tags)));
        byRepository(destinations).forEach((repository, tags) -> known.putAll(describeTags(repository, tags)));
        return new KnownTags(known);
    }

    private static Map<String, Set<String>> byRepository(Collection<ImageRef> refs) {
        Map<String, Set<String>> grouped = new LinkedHashMap<>();
        for (ImageRef ref : refs) {
            if (!ref.isDigest() && ImageNames.problem(ref).isEmpty()) {
                grouped.computeIfAbsent(ref.repository(), r -> new LinkedHashSet<>())
                        .add(ref.reference());
            }
        }
        return grouped;
    }

    /** Source manifests, 100 tags per call; a failed call marks its own tags unreadable, no others. */
    private Map<ImageRef, TagState> batchGet(String repository, Set<String> tags) {
        Map<ImageRef, TagState> states = new HashMap<>();
        List<String> all = new ArrayList<>(tags);
        for (int from = 0; from < all.size(); from += BATCH_SIZE) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + BATCH_SIZE));
            try {
                states.putAll(batchGetChunk(repository, chunk));
            } catch (RegistryException e) {
                chunk.forEach(tag -> states.put(ImageRef.tagged(repository, tag), TagState.unreadable(e.getMessage())));
            }
        }
        return states;
    }

    private Map<ImageRef, TagState> batchGetChunk(String repository, List<String> references) throws RegistryException {
        List<ImageIdentifier> ids = new ArrayList<>();
        for (String reference : references) {
            ids.add(
                    Digest.isDigest(reference)
                            ? ImageIdentifier.builder().imageDigest(reference).build()
                            : ImageIdentifier.builder().imageTag(reference).build());
        }
        BatchGetImageResponse response;
        try {
            response = ecr.batchGetImage(b -> b.registryId(settings.registryId())
                    .repositoryName(repository)
                    .imageIds(ids)
                    .acceptedMediaTypes(MediaTypes.MANIFESTS));
        } catch (SdkException e) {
            throw failure("BatchGetImage on " + repository, e);
        }
        Map<ImageRef, TagState> states = new HashMap<>();
        for (Image image : response.images()) {
            ImageRef ref = ImageRef.tagged(repository, referenceOf(image.imageId()));
            try {
                states.put(ref, TagState.present(manifestOf(ref, image)));
            } catch (InvalidManifestException e) {
                states.put(ref, TagState.unreadable(e.getMessage()));
            }
        }
        for (ImageFailure failure : response.failures()) {
            ImageRef ref = ImageRef.tagged(repository, referenceOf(failure.imageId()));
            states.put(
                    ref,
                    failure.failureCode() == ImageFailureCode.IMAGE_NOT_FOUND
                            ? TagState.missing()
                            : TagState.unreadable(failure.failureCodeAsString() + ": " + failure.failureReason()));
        }
        return states;
    }

    private static String referenceOf(ImageIdentifier id) {
        return id.imageTag() != null ? id.imageTag() : id.imageDigest();
    }

    private ImageManifest manifestOf(ImageRef ref, Image image) throws InvalidManifestException {
        String text = image.imageManifest();
        if (text == null) {
            throw new InvalidManifestException(ref + ": ECR returned no manifest");
        }
        Digest claimed = image.imageId().imageDigest() == null
                        || !Digest.isDigest(image.imageId().imageDigest())
                ? null
                : Digest.parse(image.imageId().imageDigest());
        try {
            return ImageManifest.verified(
                    text.getBytes(StandardCharsets.UTF_8), image.imageManifestMediaType(), claimed);
        } catch (InvalidManifestException e) {
            throw new InvalidManifestException(ref + " on " + reference() + ": " + e.getMessage());
        }
    }

    /**
     * Where destination tags point, from the repository's tagged images. DescribeImages would fail as a
     * whole for a list of tags of which one is missing (the usual case for a new environment tag), so
     * it lists instead; for a repository too large to list, BatchGetImage on the tags answers.
     */
    private Map<ImageRef, TagState> describeTags(String repository, Set<String> tags) {
        Map<String, TagState> byTag = new HashMap<>();
        String token = null;
        try {
            for (int page = 0; page < MAX_DESCRIBE_PAGES; page++) {
                String next = token;
                DescribeImagesResponse response = ecr.describeImages(b -> b.registryId(settings.registryId())
                        .repositoryName(repository)
                        .filter(f -> f.tagStatus(TagStatus.TAGGED))
                        .maxResults(DESCRIBE_PAGE_SIZE)
                        .nextToken(next));
                for (ImageDetail detail : response.imageDetails()) {
                    if (detail.imageDigest() != null && Digest.isDigest(detail.imageDigest())) {
                        for (String tag : detail.imageTags()) {
                            byTag.put(
                                    tag,
                                    TagState.present(
                                            Digest.parse(detail.imageDigest()), detail.imageManifestMediaType()));
                        }
                    }
                }
                token = response.nextToken();
                if (token == null || token.isEmpty()) {
                    Map<ImageRef, TagState> states = new HashMap<>();
                    for (String tag : tags) {
                        states.put(ImageRef.tagged(repository, tag), byTag.getOrDefault(tag, TagState.missing()));
                    }
                    return states;
                }
            }
        } catch (RepositoryNotFoundException e) {
            Map<ImageRef, TagState> states = new HashMap<>();
            String reason = "repository " + repository + " does not exist in " + reference();
            tags.forEach(tag -> states.put(ImageRef.tagged(repository, tag), TagState.unreadable(reason)));
            return states;
        } catch (SdkException e) {
            // fall through to BatchGetImage, whose errors are per tag
        }
        Map<ImageRef, TagState> states = new HashMap<>();
        batchGet(repository, tags).forEach((ref, state) -> states.put(ref, withoutManifest(state)));
        return states;
    }

    private static TagState withoutManifest(TagState state) {
        return state instanceof TagState.Present present
                ? TagState.present(present.digest(), present.mediaType())
                : state;
    }

    @Override
    public TagState digest(ImageRef ref) throws RegistryException {
        return manifest(ref).<TagState>map(TagState::present).orElse(TagState.missing());
    }

    @Override
    public Optional<ImageManifest> manifest(ImageRef ref) throws RegistryException {
        requireValid(ref);
        TagState state =
                batchGetChunk(ref.repository(), List.of(ref.reference())).get(ref);
        if (state instanceof TagState.Present present) {
            return present.manifest();
        }
        if (state instanceof TagState.Unreadable unreadable) {
            throw RegistryException.permanent(unreadable.reason());
        }
        return Optional.empty();
    }

    @Override
    public PutResult putManifest(ImageRef ref, ImageManifest manifest) throws RegistryException {
        requireValid(ref);
        try {
            PutImageResponse response = ecr.putImage(b -> {
                b.registryId(settings.registryId())
                        .repositoryName(ref.repository())
                        .imageManifest(manifest.text())
                        .imageManifestMediaType(manifest.mediaType())
                        .imageDigest(manifest.digest().toString());
                if (!ref.isDigest()) {
                    b.imageTag(ref.reference());
                }
            });
            String stored = response.image() == null || response.image().imageId() == null
                    ? null
                    : response.image().imageId().imageDigest();
            return PutResult.written(
                    stored != null && Digest.isDigest(stored) ? Digest.parse(stored) : manifest.digest());
        } catch (ImageAlreadyExistsException e) {
            return PutResult.alreadyThere(manifest.digest());
        } catch (ImageTagAlreadyExistsException e) {
            throw RegistryException.permanent("repository " + ref.repository() + " has immutable tags and "
                    + ref.reference() + " already exists at another image; ECR will not move it, even with --force");
        } catch (LayersNotFoundException | ReferencedImagesNotFoundException e) {
            throw RegistryException.permanent("ECR lacks content " + manifest.digest() + " references in "
                    + ref.repository() + " (" + message(e) + "); ECR cannot copy between repositories through "
                    + "this API: push the image to " + ref.repository() + " first");
        } catch (ImageDigestDoesNotMatchException e) {
            throw new InvalidManifestException("ECR computed another digest for " + ref + " than " + manifest.digest());
        } catch (SdkException e) {
            throw failure("PutImage " + ref, e);
        }
    }

    private static void requireValid(ImageRef ref) throws RegistryException {
        Optional<String> problem = ImageNames.problem(ref);
        if (problem.isPresent()) {
            throw RegistryException.permanent(problem.get());
        }
    }

    /** The SDK has already retried what can be retried; what reaches us is final. */
    private RegistryException failure(String what, SdkException e) {
        if (e instanceof RepositoryNotFoundException) {
            return RegistryException.permanent(what + " failed: the repository does not exist in " + reference());
        }
        if (e instanceof EcrException ecrError && ecrError.statusCode() == 403) {
            return RegistryException.permanent(what + " failed: access denied (" + message(e)
                    + "); the role needs ecr:BatchGetImage, ecr:DescribeImages and ecr:PutImage");
        }
        return new RegistryException(what + " failed: " + message(e), false, null, e);
    }

    private static String message(SdkException e) {
        if (e instanceof EcrException ecrError && ecrError.awsErrorDetails() != null) {
            return ecrError.awsErrorDetails().errorCode() + ": "
                    + ecrError.awsErrorDetails().errorMessage();
        }
        return e.getMessage();
    }

    @Override
    public void close() {
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception e) {
                // closing frees connections; nothing a user could act on
            }
        }
    }
}
