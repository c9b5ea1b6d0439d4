/**
 * Amazon ECR through the AWS SDK v2 {@code EcrClient}: {@code BatchGetImage} (100 ids per call) to read
 * source manifests, {@code DescribeImages} to learn where destination tags point, {@code PutImage} with
 * the exact manifest, media type and digest to tag.
 */
package io.jenkins.plugins.releasetrain.image.ecr;
