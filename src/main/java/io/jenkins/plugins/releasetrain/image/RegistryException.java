package io.jenkins.plugins.releasetrain.image;

import java.time.Duration;
import java.util.Optional;

/**
 * A registry operation that failed, with a message fit for a user.
 *
 * <p>{@link #retryable()} is true for what may pass on a later attempt (HTTP 429 and 5xx, refused or
 * reset connections, throttling); {@link #retryAfter()} is the wait the registry asked for, if any.
 */
public class RegistryException extends Exception {

    private static final long serialVersionUID = 1L;

    private final boolean retryable;
    private final Duration retryAfter;

    public RegistryException(String message, boolean retryable, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
        this.retryAfter = retryAfter;
    }

    public static RegistryException permanent(String message) {
        return new RegistryException(message, false, null, null);
    }

    public static RegistryException transientFailure(String message, Duration retryAfter, Throwable cause) {
        return new RegistryException(message, true, retryAfter, cause);
    }

    public boolean retryable() {
        return retryable;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
