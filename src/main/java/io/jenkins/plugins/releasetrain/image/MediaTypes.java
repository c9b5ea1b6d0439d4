package io.jenkins.plugins.releasetrain.image;

import java.util.List;
import java.util.Locale;

/** The four manifest media types a promotion moves, byte for byte. */
public final class MediaTypes {

    public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    public static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
    public static final String DOCKER_MANIFEST_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";

    /** Every manifest type we accept, in the order we offer them to a registry. */
    public static final List<String> MANIFESTS =
            List.of(OCI_INDEX, DOCKER_MANIFEST_LIST, OCI_MANIFEST, DOCKER_MANIFEST);

    /**
     * The Accept header for manifest requests. Without the list types a registry would answer a
     * multi-arch tag with one platform's manifest (or convert it), which would change the digest.
     */
    public static final String MANIFEST_ACCEPT = String.join(", ", MANIFESTS);

    private MediaTypes() {}

    /** The media type without parameters ({@code ; charset=...}) and in lower case. */
    public static String normalize(String contentType) {
        if (contentType == null) {
            return "";
        }
        int semicolon = contentType.indexOf(';');
        String bare = semicolon < 0 ? contentType : contentType.substring(0, semicolon);
        return bare.trim().toLowerCase(Locale.ROOT);
    }

    public static boolean isManifest(String mediaType) {
        return MANIFESTS.contains(normalize(mediaType));
    }

    public static boolean isIndex(String mediaType) {
        String type = normalize(mediaType);
        return OCI_INDEX.equals(type) || DOCKER_MANIFEST_LIST.equals(type);
    }
}
