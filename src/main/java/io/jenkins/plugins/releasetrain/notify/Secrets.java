package io.jenkins.plugins.releasetrain.notify;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where a webhook's signing secret comes from: an environment variable or a file, read when an event is sent (so a
 * rotated secret counts at once). The secret itself never appears in a message or a log.
 */
public final class Secrets {

    private static final int MAX_SECRET_BYTES = 4096;

    private final Function<String, String> environment;
    private final String kind;

    /** @param environment the process environment, or a map in tests */
    public Secrets(Function<String, String> environment) {
        this(environment, "the environment variable");
    }

    /**
     * @param lookup answers a webhook's {@code secretEnv} name with its secret
     * @param kind what such a name is, for messages ("the credentials" in Jenkins, whose lookup reads credentials)
     */
    public Secrets(Function<String, String> lookup, String kind) {
        this.environment = lookup;
        this.kind = kind;
    }

    public static Secrets fromProcess() {
        return new Secrets(System::getenv);
    }

    public static Secrets of(Map<String, String> environment) {
        return new Secrets(environment::get);
    }

    /**
     * The webhook's secret: empty when it signs nothing.
     *
     * @throws IllegalStateException with a message naming the variable or file (never the secret) when it is
     *     configured but missing, empty or too long
     */
    public Optional<byte[]> of(Webhook webhook) {
        if (webhook.secretEnv().isPresent()) {
            String name = webhook.secretEnv().get();
            String value = environment.apply(name);
            if (value == null || value.isBlank()) {
                throw new IllegalStateException(
                        kind + " " + name + " (the secret of the webhook to " + webhook.display() + ") is not set");
            }
            return Optional.of(checked(value.strip().getBytes(StandardCharsets.UTF_8), kind + " " + name));
        }
        if (webhook.secretFile().isPresent()) {
            Path file = webhook.secretFile().get();
            try {
                if (Files.size(file) > MAX_SECRET_BYTES) {
                    throw new IllegalStateException(file + " is longer than a secret (" + MAX_SECRET_BYTES + " bytes)");
                }
                String value = Files.readString(file, StandardCharsets.UTF_8).strip();
                return Optional.of(checked(value.getBytes(StandardCharsets.UTF_8), file.toString()));
            } catch (IOException e) {
                throw new IllegalStateException("cannot read the secret of the webhook to " + webhook.display()
                        + " from " + file + ": " + e.getClass().getSimpleName());
            }
        }
        return Optional.empty();
    }

    private static byte[] checked(byte[] secret, String where) {
        if (secret.length == 0) {
            throw new IllegalStateException("the webhook secret in " + where + " is empty");
        }
        if (secret.length > MAX_SECRET_BYTES) {
            throw new IllegalStateException(
                    "the webhook secret in " + where + " is longer than " + MAX_SECRET_BYTES + " bytes");
        }
        return secret;
    }
}
