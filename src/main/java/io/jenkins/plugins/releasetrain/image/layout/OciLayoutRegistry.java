package io.jenkins.plugins.releasetrain.image.layout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.releasetrain.image.BlobStore;
import io.jenkins.plugins.releasetrain.image.Descriptor;
import io.jenkins.plugins.releasetrain.image.Digest;
import io.jenkins.plugins.releasetrain.image.ImageManifest;
import io.jenkins.plugins.releasetrain.image.ImageNames;
import io.jenkins.plugins.releasetrain.image.ImageRef;
import io.jenkins.plugins.releasetrain.image.ImageRegistry;
import io.jenkins.plugins.releasetrain.image.KnownTags;
import io.jenkins.plugins.releasetrain.image.MediaTypes;
import io.jenkins.plugins.releasetrain.image.PutResult;
import io.jenkins.plugins.releasetrain.image.RegistryException;
import io.jenkins.plugins.releasetrain.image.TagState;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code oci-layout:DIR}: each repository is an OCI image layout in {@code DIR/<repository>/}. Tagging
 * puts a descriptor annotated {@code org.opencontainers.image.ref.name} into its {@code index.json}.
 *
 * <p>Every file is written to a temporary name and renamed into place, so a reader (or a crash) never
 * sees half a file; changes to {@code index.json} happen under {@link RepositoryLock}, so concurrent
 * runs, in this JVM or others, never lose each other's tags.
 */
public final class OciLayoutRegistry implements ImageRegistry, BlobStore {

    public static final String REF_NAME = "org.opencontainers.image.ref.name";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path root;

    public OciLayoutRegistry(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    @Override
    public String reference() {
        return "oci-layout:" + root;
    }

    @Override
    public boolean sameStoreAs(ImageRegistry other) {
        return other instanceof OciLayoutRegistry that && that.root.equals(root);
    }

    @Override
    public Optional<BlobStore> blobs() {
        return Optional.of(this);
    }

    @Override
    public KnownTags lookup(Collection<ImageRef> sources, Collection<ImageRef> destinations) {
        Map<ImageRef, TagState> known = new HashMap<>();
        Map<String, Optional<JsonNode>> indexes = new HashMap<>();
        for (Collection<ImageRef> refs : List.of(sources, destinations)) {
            for (ImageRef ref : refs) {
                if (ref.isDigest() || ImageNames.problem(ref).isPresent()) {
                    continue;
                }
                try {
                    Optional<JsonNode> index = indexes.get(ref.repository());
                    if (index == null) {
                        index = readIndex(ref.repository());
                        indexes.put(ref.repository(), index);
                    }
                    known.put(ref, stateOf(index, ref.reference()));
                } catch (RegistryException e) {
                    known.put(ref, TagState.unreadable(e.getMessage()));
                }
            }
        }
        return new KnownTags(known);
    }

    @Override
    public TagState digest(ImageRef ref) throws RegistryException {
        if (ref.isDigest()) {
            Optional<ImageManifest> manifest = manifest(ref);
            return manifest.<TagState>map(TagState::present).orElse(TagState.missing());
        }
        return stateOf(readIndex(repositoryOf(ref)), ref.reference());
    }

    private static TagState stateOf(Optional<JsonNode> index, String tag) throws RegistryException {
        Optional<JsonNode> descriptor = index.flatMap(i -> descriptorFor(i, tag));
        if (descriptor.isEmpty()) {
            return TagState.missing();
        }
        return TagState.present(
                digestOf(descriptor.get()), descriptor.get().path("mediaType").asText(""));
    }

    @Override
    public Optional<ImageManifest> manifest(ImageRef ref) throws RegistryException {
        Path repository = repositoryOf(ref);
        Digest digest;
        String mediaType;
        if (ref.isDigest()) {
            digest = Digest.parse(ref.reference());
            mediaType = null;
        } else {
            Optional<JsonNode> descriptor = readIndex(repository).flatMap(i -> descriptorFor(i, ref.reference()));
            if (descriptor.isEmpty()) {
                return Optional.empty();
            }
            digest = digestOf(descriptor.get());
            mediaType = descriptor.get().path("mediaType").asText("");
        }
        Path blob = blobPath(repository, digest);
        byte[] bytes;
        try {
            if (Files.size(blob) > ImageManifest.MAX_BYTES) {
                throw RegistryException.permanent(
                        ref + " is over the " + ImageManifest.MAX_BYTES + " byte manifest limit");
            }
            bytes = Files.readAllBytes(blob);
        } catch (NoSuchFileException e) {
            if (ref.isDigest()) {
                return Optional.empty();
            }
            throw RegistryException.permanent(reference() + ": " + ref + " points at a missing blob " + digest);
        } catch (IOException e) {
            throw RegistryException.permanent("cannot read " + blob + ": " + e.getMessage());
        }
        if (mediaType == null) {
            mediaType = embeddedMediaType(bytes);
        }
        return Optional.of(ImageManifest.verified(bytes, mediaType, digest));
    }

    /** Child manifests are found by digest alone; their own {@code mediaType} field says what they are. */
    private static String embeddedMediaType(byte[] bytes) {
        try {
            JsonNode node = JSON.readTree(bytes);
            String declared = node.path("mediaType").asText("");
            if (!declared.isEmpty()) {
                return declared;
            }
            return node.has("manifests") ? MediaTypes.OCI_INDEX : MediaTypes.OCI_MANIFEST;
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public PutResult putManifest(ImageRef ref, ImageManifest manifest) throws RegistryException {
        Path repository = repositoryOf(ref);
        writeBlob(repository, manifest.digest(), manifest.size(), manifest.openStream());
        if (ref.isDigest()) {
            return PutResult.written(manifest.digest());
        }
        try (RepositoryLock lock = RepositoryLock.acquire(repository.resolve(".index.json.lock"))) {
            ObjectNode index =
                    readIndex(repository).map(ObjectNode.class::cast).orElseGet(OciLayoutRegistry::emptyIndex);
            if (stateOf(Optional.of(index), ref.reference()) instanceof TagState.Present present
                    && present.digest().equals(manifest.digest())) {
                return PutResult.alreadyThere(manifest.digest());
            }
            ArrayNode manifests = index.withArray("manifests");
            for (Iterator<JsonNode> it = manifests.elements(); it.hasNext(); ) {
                if (ref.reference()
                        .equals(it.next().path("annotations").path(REF_NAME).asText(null))) {
                    it.remove();
                }
            }
            ObjectNode descriptor = manifests.addObject();
            descriptor.put("mediaType", manifest.mediaType());
            descriptor.put("digest", manifest.digest().toString());
            descriptor.put("size", manifest.size());
            descriptor.putObject("annotations").put(REF_NAME, ref.reference());
            writeAtomically(
                    repository.resolve("index.json"),
                    JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(index));
        } catch (IOException e) {
            throw RegistryException.permanent(
                    "cannot update " + repository.resolve("index.json") + ": " + e.getMessage());
        }
        return PutResult.written(manifest.digest());
    }

    @Override
    public boolean hasBlob(String repository, Descriptor blob) throws RegistryException {
        Path path = blobPath(repositoryDir(repository), blob.digest());
        try {
            return Files.isRegularFile(path) && Files.size(path) == blob.size();
        } catch (IOException e) {
            return false;
        }
    }

    /** Within one layout root a blob is shared by a hard link, or copied where links are not possible. */
    @Override
    public boolean mountBlob(String repository, String fromRepository, Descriptor blob) throws RegistryException {
        Path from = blobPath(repositoryDir(fromRepository), blob.digest());
        Path to = blobPath(repositoryDir(repository), blob.digest());
        if (hasBlob(repository, blob)) {
            return true;
        }
        if (!Files.isRegularFile(from)) {
            return false;
        }
        try {
            Files.createDirectories(directoryOf(to));
            Files.createLink(to, from);
            return true;
        } catch (FileAlreadyExistsException e) {
            return true;
        } catch (IOException | UnsupportedOperationException e) {
            return false; // the caller copies it instead
        }
    }

    @Override
    public InputStream openBlob(String repository, Descriptor blob) throws RegistryException {
        Path path = blobPath(repositoryDir(repository), blob.digest());
        try {
            return Files.newInputStream(path);
        } catch (IOException e) {
            throw RegistryException.permanent(
                    "cannot read blob " + blob.digest() + " of " + repository + ": " + e.getMessage());
        }
    }

    @Override
    public void putBlob(String repository, Descriptor blob, InputStream content) throws RegistryException {
        writeBlob(repositoryDir(repository), blob.digest(), blob.size(), content);
    }

    /** Streams into a temporary file, checks size and digest, then renames it to its content address. */
    private void writeBlob(Path repository, Digest digest, long size, InputStream content) throws RegistryException {
        Path target = blobPath(repository, digest);
        if (Files.isRegularFile(target)) {
            return;
        }
        Path temp = null;
        try {
            ensureLayout(repository);
            Path blobDir = directoryOf(target);
            Files.createDirectories(blobDir);
            temp = Files.createTempFile(blobDir, ".upload-", ".tmp");
            MessageDigest hasher = digest.newHasher();
            long written;
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(temp), hasher)) {
                written = content.transferTo(out);
            }
            String actual = HexFormat.of().formatHex(hasher.digest());
            if (written != size || !actual.equals(digest.hex())) {
                throw RegistryException.permanent("content for " + digest + " did not match: " + written
                        + " bytes hashing to " + digest.algorithm() + ":" + actual + ", expected " + size + " bytes");
            }
            move(temp, target);
            temp = null;
        } catch (IOException e) {
            throw RegistryException.permanent(
                    "cannot write blob " + digest + " in " + repository + ": " + e.getMessage());
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException e) {
                    // a stray temporary file is harmless; the failure above is what matters
                }
            }
        }
    }

    private static void writeAtomically(Path target, byte[] bytes) throws IOException {
        Path temp = Files.createTempFile(directoryOf(target), ".index-", ".tmp");
        try {
            Files.write(temp, bytes);
            move(temp, target);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private void ensureLayout(Path repository) throws IOException {
        Files.createDirectories(repository.resolve("blobs"));
        Path marker = repository.resolve("oci-layout");
        if (!Files.exists(marker)) {
            writeAtomically(marker, "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(StandardCharsets.UTF_8));
        }
    }

    private static ObjectNode emptyIndex() {
        ObjectNode index = JSON.createObjectNode();
        index.put("schemaVersion", 2);
        index.put("mediaType", MediaTypes.OCI_INDEX);
        index.putArray("manifests");
        return index;
    }

    private Optional<JsonNode> readIndex(String repository) throws RegistryException {
        return readIndex(repositoryDir(repository));
    }

    private static Optional<JsonNode> readIndex(Path repository) throws RegistryException {
        Path file = repository.resolve("index.json");
        try {
            JsonNode index = JSON.readTree(Files.readAllBytes(file));
            if (index == null || !index.isObject()) {
                throw RegistryException.permanent(file + " is not a JSON object");
            }
            return Optional.of(index);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw RegistryException.permanent("cannot read " + file + ": " + e.getMessage());
        }
    }

    private static Optional<JsonNode> descriptorFor(JsonNode index, String tag) {
        JsonNode found = null;
        for (JsonNode descriptor : index.path("manifests")) {
            if (tag.equals(descriptor.path("annotations").path(REF_NAME).asText(null))) {
                found = descriptor; // the last one wins, as with repeated tags in other tools
            }
        }
        return Optional.ofNullable(found);
    }

    private static Digest digestOf(JsonNode descriptor) throws RegistryException {
        try {
            return Digest.parse(descriptor.path("digest").asText(""));
        } catch (IllegalArgumentException e) {
            throw RegistryException.permanent("index.json has a descriptor with a bad digest: " + e.getMessage());
        }
    }

    private Path repositoryOf(ImageRef ref) throws RegistryException {
        Optional<String> problem = ImageNames.problem(ref);
        if (problem.isPresent()) {
            throw RegistryException.permanent(problem.get());
        }
        return repositoryDir(ref.repository());
    }

    /** Only names that passed the OCI grammar become paths: no {@code ..}, no absolute paths, no separators but '/'. */
    private Path repositoryDir(String repository) throws RegistryException {
        Optional<String> problem = ImageNames.repositoryProblem(repository);
        if (problem.isPresent()) {
            throw RegistryException.permanent(problem.get());
        }
        Path dir = root.resolve(repository).normalize();
        if (!dir.startsWith(root)) {
            throw RegistryException.permanent("repository " + repository + " leaves " + root);
        }
        return dir;
    }

    /** Every file we write lies under a repository directory, so it always has a parent. */
    private static Path directoryOf(Path file) {
        Path parent = file.getParent();
        if (parent == null) {
            throw new IllegalStateException(file + " has no parent directory");
        }
        return parent;
    }

    private static Path blobPath(Path repository, Digest digest) {
        return repository.resolve("blobs").resolve(digest.algorithm()).resolve(digest.hex());
    }
}
