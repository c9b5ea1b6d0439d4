package io.jenkins.plugins.releasetrain.image.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.releasetrain.image.BlobStore;
import io.jenkins.plugins.releasetrain.image.Descriptor;
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
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An OCI Distribution registry ({@code https://HOST[:PORT]}, or {@code http://} when asked for).
 *
 * <p>Requests per image: a destination tag is read with HEAD (its digest is all we need), a source with
 * GET only when its bytes will be written, and the manifest PUT's {@code Docker-Content-Digest} answer is
 * the verification. When a run puts several tags into one repository, one tag listing per repository
 * replaces the HEAD of every destination tag that does not exist yet.
 */
public final class HttpRegistry implements ImageRegistry, BlobStore {

    /** A repository with more tags than this is not listed: per-tag HEADs are cheaper then. */
    private static final int TAG_PAGE_SIZE = 1000;

    private static final int MAX_TAG_PAGES = 10;
    private static final int MAX_REDIRECTS = 3;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern NEXT_LINK = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"?next\"?");

    private final String reference;
    private final RegistryHttp http;

    public HttpRegistry(String reference, RegistryEndpoint endpoint, Credentials credentialsOrNull, Clock clock) {
        this.reference = reference;
        this.http = new RegistryHttp(endpoint, credentialsOrNull, clock);
    }

    public HttpRegistry(RegistryEndpoint endpoint, Credentials credentialsOrNull) {
        this(endpoint.toString(), endpoint, credentialsOrNull, Clock.systemUTC());
    }

    @Override
    public String reference() {
        return reference;
    }

    public RegistryEndpoint endpoint() {
        return http.endpoint();
    }

    /** HTTP requests sent so far by method, token requests under {@code token}; for reports and benchmarks. */
    public Map<String, Long> requestCounts() {
        return http.requestCounts();
    }

    public long requestCount() {
        return requestCounts().values().stream().mapToLong(Long::longValue).sum();
    }

    @Override
    public boolean sameStoreAs(ImageRegistry other) {
        return other instanceof HttpRegistry that && that.endpoint().equals(endpoint());
    }

    @Override
    public Optional<BlobStore> blobs() {
        return Optional.of(this);
    }

    @Override
    public KnownTags lookup(Collection<ImageRef> sources, Collection<ImageRef> destinations) {
        Map<String, Integer> perRepository = new HashMap<>();
        for (ImageRef ref : destinations) {
            perRepository.merge(ref.repository(), 1, Integer::sum);
        }
        Map<ImageRef, TagState> known = new HashMap<>();
        for (Map.Entry<String, Integer> entry : perRepository.entrySet()) {
            if (entry.getValue() < 2) {
                continue; // one HEAD costs as much as one listing, and tells more
            }
            String repository = entry.getKey();
            Optional<Set<String>> tags = listTags(repository);
            if (tags.isEmpty()) {
                continue;
            }
            for (ImageRef ref : destinations) {
                if (ref.repository().equals(repository) && !tags.get().contains(ref.reference())) {
                    known.put(ref, TagState.missing());
                }
            }
            for (ImageRef ref : sources) {
                if (ref.repository().equals(repository) && !tags.get().contains(ref.reference())) {
                    known.put(ref, TagState.missing());
                }
            }
        }
        return new KnownTags(known);
    }

    /** All tags of a repository, or empty when listing is refused, fails or would take too many pages. */
    private Optional<Set<String>> listTags(String repository) {
        Set<String> tags = new HashSet<>();
        String next = "/v2/" + repository + "/tags/list?n=" + TAG_PAGE_SIZE;
        try {
            for (int page = 0; page < MAX_TAG_PAGES; page++) {
                HttpResponse<byte[]> response = http.send(
                        http.request(next).GET(),
                        Scope.pull(repository),
                        HttpResponse.BodyHandlers.ofByteArray(),
                        true);
                if (response.statusCode() == 404) {
                    return Optional.of(Set.of()); // no such repository: no tag exists
                }
                if (response.statusCode() != 200) {
                    return Optional.empty();
                }
                JsonNode body = JSON.readTree(response.body());
                body.path("tags").forEach(tag -> tags.add(tag.asText()));
                Optional<String> link = response.headers()
                        .firstValue("Link")
                        .map(NEXT_LINK::matcher)
                        .filter(Matcher::find)
                        .map(m -> m.group(1));
                if (link.isEmpty()) {
                    return Optional.of(tags);
                }
                next = sameOriginPath(link.get()).orElse(null);
                if (next == null) {
                    return Optional.empty();
                }
            }
        } catch (RegistryException | IOException | RuntimeException e) {
            // listing only saves requests: any trouble means per-tag HEADs, which report real errors
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** The path and query of a pagination link, accepted only if it stays on this registry. */
    private Optional<String> sameOriginPath(String link) {
        URI uri = http.endpoint().base().resolve(link);
        if (!uri.getScheme().equals(http.endpoint().scheme())
                || !http.endpoint().authority().equalsIgnoreCase(uri.getRawAuthority())
                || !uri.getRawPath().startsWith("/v2/")) {
            return Optional.empty();
        }
        return Optional.of(uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
    }

    @Override
    public TagState digest(ImageRef ref) throws RegistryException {
        String path = manifestPath(ref);
        HttpResponse<Void> response = http.send(
                http.request(path)
                        .method("HEAD", HttpRequest.BodyPublishers.noBody())
                        .header("Accept", MediaTypes.MANIFEST_ACCEPT),
                Scope.pull(ref.repository()),
                HttpResponse.BodyHandlers.discarding(),
                true);
        if (response.statusCode() == 404) {
            return TagState.missing();
        }
        if (response.statusCode() != 200) {
            throw RegistryHttp.failure(response.statusCode(), response.headers(), null, "HEAD " + ref);
        }
        Optional<String> digest = response.headers().firstValue("Docker-Content-Digest");
        String mediaType = MediaTypes.normalize(
                response.headers().firstValue("Content-Type").orElse(""));
        if (digest.isPresent() && Digest.isDigest(digest.get())) {
            return TagState.present(Digest.parse(digest.get()), mediaType);
        }
        // Not every registry names the digest on HEAD; then the bytes decide.
        return manifest(ref).<TagState>map(TagState::present).orElse(TagState.missing());
    }

    @Override
    public Optional<ImageManifest> manifest(ImageRef ref) throws RegistryException {
        HttpResponse<InputStream> response = http.send(
                http.request(manifestPath(ref)).GET().header("Accept", MediaTypes.MANIFEST_ACCEPT),
                Scope.pull(ref.repository()),
                HttpResponse.BodyHandlers.ofInputStream(),
                true);
        if (response.statusCode() == 404) {
            RegistryHttp.discard(response);
            return Optional.empty();
        }
        if (response.statusCode() != 200) {
            throw http.failure(response, "GET " + ref);
        }
        long declared = response.headers().firstValueAsLong("Content-Length").orElse(-1);
        if (declared > ImageManifest.MAX_BYTES) {
            RegistryHttp.discard(response);
            throw new InvalidManifestException(
                    ref + " is " + declared + " bytes, over the " + ImageManifest.MAX_BYTES + " byte manifest limit");
        }
        byte[] bytes;
        try (InputStream in = response.body()) {
            bytes = in.readNBytes(ImageManifest.MAX_BYTES + 1);
        } catch (IOException e) {
            throw RegistryException.transientFailure("reading " + ref + " failed: " + e.getMessage(), null, e);
        }
        Digest claimed = claimedDigest(ref, response.headers().firstValue("Docker-Content-Digest"));
        String mediaType = response.headers().firstValue("Content-Type").orElse("");
        try {
            return Optional.of(ImageManifest.verified(bytes, mediaType, claimed));
        } catch (InvalidManifestException e) {
            throw new InvalidManifestException(ref + " on " + reference + ": " + e.getMessage());
        }
    }

    /** What the registry says the digest is; a digest reference is itself a claim the bytes must meet. */
    private static Digest claimedDigest(ImageRef ref, Optional<String> header) throws RegistryException {
        if (ref.isDigest()) {
            Digest asked = Digest.parse(ref.reference());
            if (header.isPresent() && !header.get().equals(asked.toString())) {
                throw new InvalidManifestException(
                        ref + " was answered with a manifest whose claimed digest is " + header.get());
            }
            return asked;
        }
        if (header.isEmpty()) {
            return null;
        }
        if (!Digest.isDigest(header.get())) {
            throw new InvalidManifestException(ref + " came with an invalid Docker-Content-Digest header");
        }
        return Digest.parse(header.get());
    }

    @Override
    public PutResult putManifest(ImageRef ref, ImageManifest manifest) throws RegistryException {
        HttpResponse<byte[]> response = http.send(
                http.request(manifestPath(ref))
                        .PUT(HttpRequest.BodyPublishers.ofByteArray(manifest.bytes()))
                        .header("Content-Type", manifest.mediaType()),
                Scope.push(ref.repository()),
                HttpResponse.BodyHandlers.ofByteArray(),
                true);
        if (response.statusCode() != 201 && response.statusCode() != 200) {
            throw http.failure(response, "PUT " + ref);
        }
        Optional<String> stored = response.headers().firstValue("Docker-Content-Digest");
        if (stored.isPresent() && Digest.isDigest(stored.get())) {
            return PutResult.written(Digest.parse(stored.get()));
        }
        TagState now = digest(ref);
        if (now instanceof TagState.Present present) {
            return PutResult.written(present.digest());
        }
        throw RegistryException.permanent("PUT " + ref + " succeeded but the tag cannot be read back");
    }

    @Override
    public boolean hasBlob(String repository, Descriptor blob) throws RegistryException {
        HttpResponse<Void> response = http.send(
                http.request(blobPath(repository, blob.digest())).method("HEAD", HttpRequest.BodyPublishers.noBody()),
                Scope.pull(repository),
                HttpResponse.BodyHandlers.discarding(),
                true);
        if (response.statusCode() == 200) {
            return true;
        }
        if (response.statusCode() == 404) {
            return false;
        }
        throw RegistryHttp.failure(
                response.statusCode(), response.headers(), null, "HEAD blob " + blob.digest() + " in " + repository);
    }

    @Override
    public boolean mountBlob(String repository, String fromRepository, Descriptor blob) throws RegistryException {
        requireRepository(fromRepository);
        String path = "/v2/" + repository + "/blobs/uploads/?mount="
                + encode(blob.digest().toString()) + "&from=" + encode(fromRepository);
        HttpResponse<byte[]> response = http.send(
                http.request(path).POST(HttpRequest.BodyPublishers.noBody()),
                Scope.mount(repository, fromRepository),
                HttpResponse.BodyHandlers.ofByteArray(),
                true);
        if (response.statusCode() == 201) {
            return true;
        }
        if (response.statusCode() == 202) {
            return false; // the registry opened an upload session instead; it expires unused
        }
        throw http.failure(response, "mount of " + blob.digest() + " from " + fromRepository + " into " + repository);
    }

    @Override
    public InputStream openBlob(String repository, Descriptor blob) throws RegistryException {
        HttpResponse<InputStream> response = http.send(
                http.request(blobPath(repository, blob.digest())).GET(),
                Scope.pull(repository),
                HttpResponse.BodyHandlers.ofInputStream(),
                true);
        for (int hop = 0; isRedirect(response.statusCode()); hop++) {
            Optional<String> location = response.headers().firstValue("Location");
            RegistryHttp.discard(response);
            if (hop >= MAX_REDIRECTS || location.isEmpty()) {
                throw RegistryException.permanent("blob " + blob.digest() + " redirects too often");
            }
            // Storage backends (S3, GCS) sign their redirect URLs; our registry credentials must not follow.
            URI target = response.uri().resolve(location.get());
            response = http.exchange(
                    RegistryHttp.request(target).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        }
        if (response.statusCode() != 200) {
            throw http.failure(response, "GET blob " + blob.digest() + " from " + repository);
        }
        return response.body();
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    @Override
    public void putBlob(String repository, Descriptor blob, InputStream content) throws RegistryException {
        // A small request first, so that authentication is settled before the body that cannot be replayed.
        HttpResponse<byte[]> started = http.send(
                http.request("/v2/" + repository + "/blobs/uploads/").POST(HttpRequest.BodyPublishers.noBody()),
                Scope.push(repository),
                HttpResponse.BodyHandlers.ofByteArray(),
                true);
        if (started.statusCode() != 202) {
            throw http.failure(started, "starting the upload of " + blob.digest() + " to " + repository);
        }
        String location = started.headers()
                .firstValue("Location")
                .orElseThrow(() -> RegistryException.permanent("upload to " + repository + " gave no Location"));
        URI session = http.endpoint().base().resolve(location);
        if (!http.endpoint().authority().equalsIgnoreCase(session.getRawAuthority())) {
            throw RegistryException.permanent("upload location " + session + " leaves " + http.endpoint());
        }
        String uploadPath =
                session.getRawPath() + "?" + (session.getRawQuery() == null ? "" : session.getRawQuery() + "&")
                        + "digest=" + encode(blob.digest().toString());
        HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.fromPublisher(
                HttpRequest.BodyPublishers.ofInputStream(() -> content), blob.size());
        HttpResponse<byte[]> done = http.send(
                http.request(uploadPath).PUT(body).header("Content-Type", "application/octet-stream"),
                Scope.push(repository),
                HttpResponse.BodyHandlers.ofByteArray(),
                false);
        if (done.statusCode() != 201) {
            throw http.failure(done, "upload of " + blob.digest() + " to " + repository);
        }
    }

    private static String manifestPath(ImageRef ref) throws RegistryException {
        Optional<String> problem = ImageNames.problem(ref);
        if (problem.isPresent()) {
            throw RegistryException.permanent(problem.get());
        }
        return "/v2/" + ref.repository() + "/manifests/" + ref.reference();
    }

    private static String blobPath(String repository, Digest digest) throws RegistryException {
        requireRepository(repository);
        return "/v2/" + repository + "/blobs/" + digest;
    }

    private static void requireRepository(String repository) throws RegistryException {
        Optional<String> problem = ImageNames.repositoryProblem(repository);
        if (problem.isPresent()) {
            throw RegistryException.permanent(problem.get());
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** The tags of a repository, sorted; empty for an unknown repository. */
    public List<String> tags(String repository) throws RegistryException {
        requireRepository(repository);
        Optional<Set<String>> tags = listTags(repository);
        if (tags.isEmpty()) {
            throw RegistryException.permanent("cannot list the tags of " + repository + " on " + reference);
        }
        return tags.get().stream().sorted().toList();
    }
}
