package io.jenkins.plugins.releasetrain.image;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Makes everything a manifest references present in the destination repository before the manifest
 * itself is put there: child manifests of an index (recursively) and config and layer blobs. Blobs are
 * mounted when both sides share a store, otherwise streamed from source to destination.
 */
final class ContentCopier {

    /** An index of indexes of indexes is already unusual; deeper nesting is refused rather than followed. */
    private static final int MAX_DEPTH = 4;

    /** What the copy had to do, for the image's result. */
    record Transfer(int mounted, int copied, int present) {
        Transfer plus(Transfer other) {
            return new Transfer(mounted + other.mounted, copied + other.copied, present + other.present);
        }
    }

    private final ImageRegistry source;
    private final ImageRegistry destination;
    private final Retrier retrier;

    ContentCopier(ImageRegistry source, ImageRegistry destination, Retrier retrier) {
        this.source = source;
        this.destination = destination;
        this.retrier = retrier;
    }

    Transfer copy(String sourceRepository, String destinationRepository, ImageManifest manifest)
            throws RegistryException {
        BlobStore from = source.blobs()
                .orElseThrow(() ->
                        RegistryException.permanent(source.reference() + " cannot copy content to another repository"));
        BlobStore to = destination
                .blobs()
                .orElseThrow(() -> RegistryException.permanent(
                        destination.reference() + " cannot receive content from another repository"));
        return copy(from, to, sourceRepository, destinationRepository, manifest, 0);
    }

    private Transfer copy(
            BlobStore from, BlobStore to, String sourceRepo, String destRepo, ImageManifest manifest, int depth)
            throws RegistryException {
        if (depth > MAX_DEPTH) {
            throw new InvalidManifestException("image index nesting is deeper than " + MAX_DEPTH);
        }
        ManifestContent content = ManifestContent.of(manifest);
        Transfer transfer = new Transfer(0, 0, 0);
        for (Descriptor child : content.manifests()) {
            ImageRef destChild = ImageRef.digested(destRepo, child.digest());
            if (retrier.call(() -> destination.digest(destChild)) instanceof TagState.Present) {
                transfer = transfer.plus(new Transfer(0, 0, 1));
                continue;
            }
            ImageRef sourceChild = ImageRef.digested(sourceRepo, child.digest());
            Optional<ImageManifest> childManifest = retrier.call(() -> source.manifest(sourceChild));
            ImageManifest found = childManifest.orElseThrow(
                    () -> RegistryException.permanent("index references " + sourceChild + ", which the source lacks"));
            transfer = transfer.plus(copy(from, to, sourceRepo, destRepo, found, depth + 1));
            retrier.call(() -> destination.putManifest(destChild, found));
            transfer = transfer.plus(new Transfer(0, 1, 0));
        }
        for (Descriptor blob : content.blobs()) {
            if (!blob.isForeign()) {
                transfer = transfer.plus(retrier.call(() -> copyBlob(from, to, sourceRepo, destRepo, blob)));
            }
        }
        return transfer;
    }

    private Transfer copyBlob(BlobStore from, BlobStore to, String sourceRepo, String destRepo, Descriptor blob)
            throws RegistryException {
        if (source.sameStoreAs(destination)) {
            // One request that also covers "already there"; the registry answers 202 when it cannot mount.
            if (to.mountBlob(destRepo, sourceRepo, blob)) {
                return new Transfer(1, 0, 0);
            }
        } else if (to.hasBlob(destRepo, blob)) {
            return new Transfer(0, 0, 1);
        }
        try (InputStream content = from.openBlob(sourceRepo, blob)) {
            to.putBlob(destRepo, blob, content);
        } catch (IOException e) {
            throw RegistryException.transientFailure(
                    "copying blob " + blob.digest() + " failed: " + e.getMessage(), null, e);
        }
        return new Transfer(0, 1, 0);
    }
}
