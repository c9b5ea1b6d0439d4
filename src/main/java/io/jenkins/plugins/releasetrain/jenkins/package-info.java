/**
 * The Jenkins glue: Pipeline steps, the {@code promoteRelease} global variable, build actions and the global
 * configuration. Each class reads its inputs from Jenkins and hands every decision to the engine packages.
 */
package io.jenkins.plugins.releasetrain.jenkins;
