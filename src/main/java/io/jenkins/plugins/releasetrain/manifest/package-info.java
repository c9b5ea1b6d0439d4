/** The release manifest: its model, its safe YAML parser and its validation. */
package io.jenkins.plugins.releasetrain.manifest;
