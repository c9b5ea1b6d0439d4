package io.jenkins.plugins.releasetrain.image;

/** A manifest we refuse to move: too large, of an unknown type, or not matching its digest. Never retried. */
public final class InvalidManifestException extends RegistryException {

    private static final long serialVersionUID = 1L;

    public InvalidManifestException(String message) {
        super(message, false, null, null);
    }
}
