/** Release plans (what a run would change in its environment) and diffs between environments. */
package io.jenkins.plugins.releasetrain.plan;
