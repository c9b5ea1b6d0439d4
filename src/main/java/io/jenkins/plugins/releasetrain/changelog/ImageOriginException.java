package io.jenkins.plugins.releasetrain.changelog;

/** An image's origin could not be read; the message says why, for people. */
public final class ImageOriginException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ImageOriginException(String message) {
        super(message);
    }

    public ImageOriginException(String message, Throwable cause) {
        super(message, cause);
    }
}
