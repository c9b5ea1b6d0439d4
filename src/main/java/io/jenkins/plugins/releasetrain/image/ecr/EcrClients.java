package io.jenkins.plugins.releasetrain.image.ecr;

import io.jenkins.plugins.releasetrain.image.RetryPolicy;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.EcrClientBuilder;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/** Builds the SDK client {@link EcrSettings} describe. */
final class EcrClients {

    private EcrClients() {}

    /** The client and everything to close with it (an STS client when a role is assumed). */
    record Opened(EcrClient ecr, List<AutoCloseable> resources) {
        Opened {
            resources = List.copyOf(resources);
        }
    }

    static Opened create(EcrSettings settings) {
        List<AutoCloseable> resources = new ArrayList<>();
        EcrClientBuilder builder = EcrClient.builder()
                .region(Region.of(settings.region()))
                .credentialsProvider(credentials(settings, resources))
                .overrideConfiguration(o -> o.retryStrategy(retryStrategy(settings.retry()))
                        .apiCallTimeout(settings.retry().maxTotal()));
        if (settings.endpointOverride() != null) {
            builder.endpointOverride(settings.endpointOverride());
        }
        EcrClient ecr = builder.build();
        resources.add(0, ecr);
        return new Opened(ecr, resources);
    }

    /**
     * The SDK's standard strategy (it knows which ECR errors are throttling and which are transient) with
     * our attempt count and backoff; no circuit breaker, so that one run's throttling cannot starve its
     * own later calls.
     */
    static RetryStrategy retryStrategy(RetryPolicy policy) {
        BackoffStrategy backoff = policy.maxBackoff().isZero()
                ? BackoffStrategy.retryImmediately()
                : BackoffStrategy.exponentialDelay(policy.initialBackoff(), policy.maxBackoff());
        return AwsRetryStrategy.standardRetryStrategy().toBuilder()
                .maxAttempts(policy.maxAttempts())
                .backoffStrategy(backoff)
                .throttlingBackoffStrategy(backoff)
                .circuitBreakerEnabled(false)
                .build();
    }

    private static AwsCredentialsProvider credentials(EcrSettings settings, List<AutoCloseable> resources) {
        AwsCredentialsProvider base;
        if (settings.credentialsProvider() != null) {
            base = settings.credentialsProvider();
        } else if (settings.profile() != null) {
            base = ProfileCredentialsProvider.create(settings.profile());
        } else {
            base = DefaultCredentialsProvider.builder().build();
        }
        if (settings.roleArn() == null) {
            return base;
        }
        StsClient sts = StsClient.builder()
                .region(Region.of(settings.region()))
                .credentialsProvider(base)
                .build();
        StsAssumeRoleCredentialsProvider assumed = StsAssumeRoleCredentialsProvider.builder()
                .stsClient(sts)
                .refreshRequest(r -> r.roleArn(settings.roleArn()).roleSessionName("release-train-tag-images"))
                .build();
        resources.add(assumed);
        resources.add(sts);
        return assumed;
    }
}
