package io.jenkins.plugins.releasetrain.image;

import io.jenkins.plugins.releasetrain.image.http.Credentials;
import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * What {@link Registries#open} needs besides the reference; every field may be null (or false) for
 * the default.
 *
 * @param insecure          allow plain http for a bare {@code HOST[:PORT]} reference
 * @param credentials       registry user and password; wins over the Docker config
 * @param dockerConfig      a Docker {@code config.json}; null for {@code $DOCKER_CONFIG} or {@code ~/.docker}
 * @param awsProfile        ECR: named AWS profile
 * @param awsRoleArn        ECR: role to assume
 * @param endpointOverride  ECR: another endpoint (VPC endpoint, test server)
 * @param awsCredentials    ECR: credentials supplied by the caller (the Jenkins glue)
 * @param retry             retry bound for the backend's own retries (ECR's SDK)
 */
public record RegistryOptions(
        boolean insecure,
        Credentials credentials,
        Path dockerConfig,
        String awsProfile,
        String awsRoleArn,
        URI endpointOverride,
        AwsCredentialsProvider awsCredentials,
        RetryPolicy retry) {

    public static final RegistryOptions DEFAULTS =
            new RegistryOptions(false, null, null, null, null, null, null, RetryPolicy.DEFAULT);

    public RegistryOptions {
        Objects.requireNonNull(retry, "retry");
    }

    public RegistryOptions withInsecure(boolean value) {
        return new RegistryOptions(
                value, credentials, dockerConfig, awsProfile, awsRoleArn, endpointOverride, awsCredentials, retry);
    }

    public RegistryOptions withCredentials(Credentials value) {
        return new RegistryOptions(
                insecure, value, dockerConfig, awsProfile, awsRoleArn, endpointOverride, awsCredentials, retry);
    }

    public RegistryOptions withDockerConfig(Path value) {
        return new RegistryOptions(
                insecure, credentials, value, awsProfile, awsRoleArn, endpointOverride, awsCredentials, retry);
    }

    public RegistryOptions withAwsProfile(String value) {
        return new RegistryOptions(
                insecure, credentials, dockerConfig, value, awsRoleArn, endpointOverride, awsCredentials, retry);
    }

    public RegistryOptions withAwsRoleArn(String value) {
        return new RegistryOptions(
                insecure, credentials, dockerConfig, awsProfile, value, endpointOverride, awsCredentials, retry);
    }

    public RegistryOptions withEndpointOverride(URI value) {
        return new RegistryOptions(
                insecure, credentials, dockerConfig, awsProfile, awsRoleArn, value, awsCredentials, retry);
    }

    public RegistryOptions withAwsCredentials(AwsCredentialsProvider value) {
        return new RegistryOptions(
                insecure, credentials, dockerConfig, awsProfile, awsRoleArn, endpointOverride, value, retry);
    }

    public RegistryOptions withRetry(RetryPolicy value) {
        return new RegistryOptions(
                insecure, credentials, dockerConfig, awsProfile, awsRoleArn, endpointOverride, awsCredentials, value);
    }
}
