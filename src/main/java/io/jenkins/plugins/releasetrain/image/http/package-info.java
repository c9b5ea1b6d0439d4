/**
 * A small client for the OCI Distribution API on the JDK {@link java.net.http.HttpClient}: manifests by
 * tag and digest (byte for byte), blob mount and streaming copy, tag listing, and anonymous, basic and
 * bearer-token authentication. See docs/architecture.md, section "Registry client", for why it is ours.
 */
package io.jenkins.plugins.releasetrain.image.http;
