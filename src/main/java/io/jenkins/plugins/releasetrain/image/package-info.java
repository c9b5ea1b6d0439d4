/**
 * Image promotion: gives every image of a release its environment tag by pointing the destination tag
 * at the very bytes of the source tag (same digest, no layer pull or push), on OCI Distribution
 * registries ({@code http}), OCI image layout directories ({@code layout}) and Amazon ECR ({@code ecr}).
 *
 * <p>{@link io.jenkins.plugins.releasetrain.image.ImagePromotion} is the entry point;
 * {@link io.jenkins.plugins.releasetrain.image.Registries} turns a registry reference into a backend.
 */
package io.jenkins.plugins.releasetrain.image;
