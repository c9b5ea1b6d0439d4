package io.jenkins.plugins.releasetrain.image;

import java.util.Collection;
import java.util.Optional;

/**
 * One place images live: an OCI Distribution registry, an OCI image layout directory or Amazon ECR.
 *
 * <p>The promotion needs only to read what a tag points at and to put exact manifest bytes under a
 * tag. Implementations are thread-safe: a promotion calls them from several threads.
 */
public interface ImageRegistry extends AutoCloseable {

    /** The registry reference as the user wrote it, for messages and reports. */
    String reference();

    /**
     * Learns, in as few calls as the backend's API allows, what it can about the tags a promotion is
     * about to read: manifests of {@code sources}, digests of {@code destinations}. Never throws: a
     * failed batch leaves its tags unknown or {@link TagState.Unreadable}.
     */
    default KnownTags lookup(Collection<ImageRef> sources, Collection<ImageRef> destinations) {
        return KnownTags.none();
    }

    /** The digest (and media type, when cheap) under {@code ref}, without the manifest if possible. */
    TagState digest(ImageRef ref) throws RegistryException;

    /** The manifest under {@code ref}, verified against the digest the registry claims for it. */
    Optional<ImageManifest> manifest(ImageRef ref) throws RegistryException;

    /**
     * Puts {@code manifest}'s exact bytes under {@code ref} (a tag or the manifest's digest) with its media
     * type, and returns the digest the registry reports for what it stored.
     */
    PutResult putManifest(ImageRef ref, ImageManifest manifest) throws RegistryException;

    /** Blob access for copying content between repositories, when the backend offers it. */
    default Optional<BlobStore> blobs() {
        return Optional.empty();
    }

    /** Whether this and {@code other} store content in the same place, so blobs can be mounted. */
    default boolean sameStoreAs(ImageRegistry other) {
        return this == other;
    }

    @Override
    default void close() {}
}
