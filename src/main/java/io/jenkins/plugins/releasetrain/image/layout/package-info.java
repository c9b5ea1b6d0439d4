/**
 * OCI image layout directories as a registry: {@code oci-layout:DIR} keeps each repository in
 * {@code DIR/<repository>/} as a layout of its own ({@code oci-layout}, {@code index.json},
 * {@code blobs/sha256/...}), tags as {@code org.opencontainers.image.ref.name} annotations.
 */
package io.jenkins.plugins.releasetrain.image.layout;
