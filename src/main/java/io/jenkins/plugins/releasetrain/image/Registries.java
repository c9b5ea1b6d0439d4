package io.jenkins.plugins.releasetrain.image;

import io.jenkins.plugins.releasetrain.image.ecr.EcrRegistry;
import io.jenkins.plugins.releasetrain.image.ecr.EcrSettings;
import io.jenkins.plugins.releasetrain.image.http.Credentials;
import io.jenkins.plugins.releasetrain.image.http.DockerConfig;
import io.jenkins.plugins.releasetrain.image.http.HttpRegistry;
import io.jenkins.plugins.releasetrain.image.http.RegistryEndpoint;
import io.jenkins.plugins.releasetrain.image.layout.OciLayoutRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a registry reference into a backend:
 * <ul>
 *   <li>{@code oci-layout:DIR} — OCI image layout directories under DIR, one per repository;
 *   <li>{@code https://HOST[:PORT]}, {@code http://HOST[:PORT]} or {@code HOST[:PORT]} — an OCI Distribution
 *       registry (a bare host means https, or http with {@link RegistryOptions#insecure()});
 *   <li>{@code ecr:REGION[:ACCOUNT]} — Amazon ECR.
 * </ul>
 */
public final class Registries {

    private Registries() {}

    /** Opens {@code reference}; {@link IllegalArgumentException} with a user-facing message when it is malformed. */
    public static ImageRegistry open(
            String reference, RegistryOptions options, Map<String, String> environment, Path home) throws IOException {
        return open(RegistryReference.parse(reference), options, environment, home);
    }

    /** Opens a reference parsed before, exactly as it was checked. */
    public static ImageRegistry open(
            RegistryReference reference, RegistryOptions options, Map<String, String> environment, Path home)
            throws IOException {
        if (reference instanceof RegistryReference.OciLayout layout) {
            return new OciLayoutRegistry(layout.directory());
        }
        if (reference instanceof RegistryReference.Ecr ecr) {
            EcrSettings settings = EcrSettings.parse(ecr.text())
                    .withProfile(options.awsProfile())
                    .withRoleArn(options.awsRoleArn())
                    .withEndpointOverride(options.endpointOverride())
                    .withCredentialsProvider(options.awsCredentials())
                    .withRetry(options.retry());
            return new EcrRegistry(settings);
        }
        String ref = reference.text();
        RegistryEndpoint endpoint = RegistryEndpoint.parse(ref, options.insecure());
        Credentials credentials = options.credentials();
        if (credentials == null) {
            Optional<Path> config = options.dockerConfig() != null
                    ? Optional.of(options.dockerConfig())
                    : DockerConfig.defaultLocation(environment, home);
            if (config.isPresent()) {
                credentials = DockerConfig.load(config.get())
                        .credentialsFor(endpoint.authority())
                        .orElse(null);
            }
        }
        return new HttpRegistry(endpoint.toString(), endpoint, credentials, Clock.systemUTC());
    }

    /** {@link #open(String, RegistryOptions, Map, Path)} with this process's environment and home directory. */
    public static ImageRegistry open(String reference, RegistryOptions options) throws IOException {
        return open(RegistryReference.parse(reference), options);
    }

    /** {@link #open(RegistryReference, RegistryOptions, Map, Path)} with this process's environment and home. */
    public static ImageRegistry open(RegistryReference reference, RegistryOptions options) throws IOException {
        return open(reference, options, System.getenv(), Path.of(System.getProperty("user.home")));
    }
}
