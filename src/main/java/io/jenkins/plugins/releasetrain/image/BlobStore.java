package io.jenkins.plugins.releasetrain.image;

import java.io.InputStream;

/**
 * Blob access of a backend, used only when a promotion crosses repositories or registries and the
 * destination lacks content the manifest references. Blobs are streamed, never held in memory.
 */
public interface BlobStore {

    boolean hasBlob(String repository, Descriptor blob) throws RegistryException;

    /**
     * Makes {@code blob} of {@code fromRepository} available in {@code repository} of the same store
     * without transferring it; false when the store declined (then the caller copies it).
     */
    boolean mountBlob(String repository, String fromRepository, Descriptor blob) throws RegistryException;

    /** Opens the blob's content; the caller closes the stream. */
    InputStream openBlob(String repository, Descriptor blob) throws RegistryException;

    /** Stores exactly {@code blob.size()} bytes read from {@code content}, verified against its digest. */
    void putBlob(String repository, Descriptor blob, InputStream content) throws RegistryException;
}
