package io.jenkins.plugins.releasetrain.image.ecr;

import io.jenkins.plugins.releasetrain.image.RetryPolicy;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * Where and as whom to reach ECR.
 *
 * @param region              AWS region, e.g. {@code us-east-2}
 * @param registryId          the account whose registry holds the repositories; null for the caller's own
 * @param profile             a named profile of the AWS config files; null for the default chain
 * @param roleArn             a role to assume (through STS) on top of those credentials; null for none
 * @param endpointOverride    another ECR endpoint (a VPC endpoint, or a test server); null for AWS's
 * @param credentialsProvider credentials supplied by the caller (e.g. the Jenkins glue); wins over profile
 * @param retry               the SDK's attempts and backoff (throttling included) and the total time bound
 */
public record EcrSettings(
        String region,
        String registryId,
        String profile,
        String roleArn,
        URI endpointOverride,
        AwsCredentialsProvider credentialsProvider,
        RetryPolicy retry) {

    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d{1,2}");
    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");

    public EcrSettings {
        if (region == null || !REGION.matcher(region).matches()) {
            throw new IllegalArgumentException("invalid AWS region '" + region + "' (e.g. us-east-2)");
        }
        if (registryId != null && !ACCOUNT.matcher(registryId).matches()) {
            throw new IllegalArgumentException("invalid AWS account id '" + registryId + "' (12 digits)");
        }
        Objects.requireNonNull(retry, "retry");
    }

    public static EcrSettings of(String region) {
        return new EcrSettings(region, null, null, null, null, null, RetryPolicy.DEFAULT);
    }

    /** Parses {@code ecr:REGION[:ACCOUNT]}. */
    public static EcrSettings parse(String reference) {
        if (!reference.startsWith("ecr:")) {
            throw new IllegalArgumentException("not an ECR reference: " + reference);
        }
        String[] parts = reference.substring(4).split(":", -1);
        if (parts.length > 2) {
            throw new IllegalArgumentException("ECR reference must be ecr:REGION[:ACCOUNT], not " + reference);
        }
        return of(parts[0]).withRegistryId(parts.length == 2 ? parts[1] : null);
    }

    public EcrSettings withRegistryId(String value) {
        return new EcrSettings(region, value, profile, roleArn, endpointOverride, credentialsProvider, retry);
    }

    public EcrSettings withProfile(String value) {
        return new EcrSettings(region, registryId, value, roleArn, endpointOverride, credentialsProvider, retry);
    }

    public EcrSettings withRoleArn(String value) {
        return new EcrSettings(region, registryId, profile, value, endpointOverride, credentialsProvider, retry);
    }

    public EcrSettings withEndpointOverride(URI value) {
        return new EcrSettings(region, registryId, profile, roleArn, value, credentialsProvider, retry);
    }

    public EcrSettings withCredentialsProvider(AwsCredentialsProvider value) {
        return new EcrSettings(region, registryId, profile, roleArn, endpointOverride, value, retry);
    }

    public EcrSettings withRetry(RetryPolicy value) {
        return new EcrSettings(region, registryId, profile, roleArn, endpointOverride, credentialsProvider, value);
    }

    public Optional<String> registry() {
        return Optional.ofNullable(registryId);
    }

    /** {@code ecr:REGION[:ACCOUNT]}. */
    public String reference() {
        return "ecr:" + region + (registryId == null ? "" : ":" + registryId);
    }
}
