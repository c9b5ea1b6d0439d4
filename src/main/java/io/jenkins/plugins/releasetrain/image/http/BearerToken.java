package io.jenkins.plugins.releasetrain.image.http;

import java.time.Duration;
import java.time.Instant;

/** A token from a registry's token service, good until {@code renewAfter}. */
record BearerToken(String value, Instant renewAfter) {

    /** Tokens live 60 s unless the service says otherwise; renew a little early so none expires in flight. */
    static BearerToken issued(String value, long expiresInSeconds, Instant now) {
        long lifetime = expiresInSeconds > 0 ? expiresInSeconds : 60;
        long margin = Math.max(5, lifetime / 10);
        return new BearerToken(value, now.plus(Duration.ofSeconds(Math.max(1, lifetime - margin))));
    }

    boolean usableAt(Instant now) {
        return now.isBefore(renewAfter);
    }

    @Override
    public String toString() {
        return "BearerToken[****, renewAfter=" + renewAfter + "]";
    }
}
