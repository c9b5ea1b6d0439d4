package io.jenkins.plugins.releasetrain.image;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The registry a build tags images in, on a server where the people who write build scripts are not its
 * administrators. A script names a registry the administrators configured, or gives a reference of its own;
 * the server's own credentials (its AWS identity, its Docker configuration) and its file system are only ever
 * used for registries the administrators configured.
 *
 * @param reference what {@link Registries#open} opens: the same parsed value the choice was checked with
 * @param credentialsId the server credential to authenticate with, if any
 * @param serverCredentials whether, without {@code credentialsId}, the server's own credentials may be used;
 *     otherwise the registry is used anonymously
 */
public record RegistryChoice(
        RegistryReference reference, boolean insecure, Optional<String> credentialsId, boolean serverCredentials) {

    /** A registry as administrators configured it: its name, reference, credential and plain-http flag. */
    public record NamedRegistry(String name, String reference, String credentialsId, boolean insecure) {

        public NamedRegistry {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(reference, "reference");
        }
    }

    public RegistryChoice {
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(credentialsId, "credentialsId");
    }

    /**
     * Chooses the registry a script asked for.
     *
     * @param requested a configured registry's name or a reference; empty for the one configured registry
     * @param credentialsId a credential the script gives, which wins over the configured one
     * @throws IllegalArgumentException saying what to write instead
     */
    public static RegistryChoice of(
            Optional<String> requested, Optional<String> credentialsId, List<NamedRegistry> configured) {
        return of(requested, credentialsId, configured, RegistryHosts.none());
    }

    /**
     * As {@link #of(Optional, Optional, List)}; a script may name a registry that is not configured only on a host
     * administrators allow, so that builds cannot make the server contact any address they like.
     *
     * @param allowedHosts the hosts of registries a script may name beyond the configured ones
     */
    public static RegistryChoice of(
            Optional<String> requested,
            Optional<String> credentialsId,
            List<NamedRegistry> configured,
            RegistryHosts allowedHosts) {
        if (requested.isEmpty()) {
            if (configured.size() == 1) {
                return configuredChoice(configured.get(0), credentialsId);
            }
            throw new IllegalArgumentException(
                    configured.isEmpty()
                            ? "no image registry is configured; give registry: (ecr:us-east-2,"
                                    + " https://registry.example.com) or ask an administrator to configure one"
                            : "several image registries are configured (" + names(configured)
                                    + "); name one with registry:");
        }
        String asked = requested.get();
        for (NamedRegistry registry : configured) {
            if (registry.name().equals(asked.strip())) {
                return configuredChoice(registry, credentialsId);
            }
        }
        RegistryReference reference = RegistryReference.parse(asked);
        String wanted = RegistryReference.redact(reference.text());
        if (reference instanceof RegistryReference.OciLayout) {
            throw new IllegalArgumentException("'" + wanted + "' names directories on the server; only"
                    + " administrators can choose those, by configuring an image registry of type oci-layout that"
                    + " builds then name" + (configured.isEmpty() ? "" : " (configured: " + names(configured) + ")"));
        }
        if (reference instanceof RegistryReference.Ecr && credentialsId.isEmpty()) {
            throw new IllegalArgumentException("'" + wanted + "' needs credentialsId: an AWS credential; the server's"
                    + " own AWS identity is only used for registries administrators configured"
                    + (configured.isEmpty() ? "" : " (configured: " + names(configured) + ")"));
        }
        if (reference instanceof RegistryReference.Distribution registry) {
            if (!wanted.contains(":") && !wanted.contains(".") && !wanted.contains("/")) {
                throw new IllegalArgumentException("no image registry named '" + wanted + "' is configured"
                        + (configured.isEmpty() ? "" : " (configured: " + names(configured) + ")")
                        + "; give a configured name, ecr:REGION or https://HOST");
            }
            if (!allowedHosts.allows(registry)) {
                throw new IllegalArgumentException("'" + wanted + "' is not a registry this server may contact for a"
                        + " build: " + allowedHosts.describe() + ". Name a configured registry"
                        + (configured.isEmpty() ? "" : " (" + names(configured) + ")")
                        + ", or ask an administrator to allow its host (Manage Jenkins > System > Release Train)");
            }
        }
        return new RegistryChoice(reference, false, credentialsId, false);
    }

    private static RegistryChoice configuredChoice(NamedRegistry registry, Optional<String> credentialsId) {
        Optional<String> credentials = credentialsId.or(
                () -> Optional.ofNullable(registry.credentialsId()).filter(id -> !id.isBlank()));
        return new RegistryChoice(
                RegistryReference.parse(registry.reference()), registry.insecure(), credentials, credentials.isEmpty());
    }

    private static String names(List<NamedRegistry> configured) {
        return configured.stream().map(NamedRegistry::name).collect(Collectors.joining(", "));
    }
}
