/**
 * Release manifests as they live in git: read one at any branch, tag or commit without a checkout, find who
 * changed it since the last release ({@link io.jenkins.plugins.releasetrain.gitops.ManifestAuthorship}), and
 * write a promotion (staging's versions into production's manifest, formatting kept) as a commit pushed to
 * a review branch. Built on plain JGit; secrets are passed by reference and never printed.
 */
package io.jenkins.plugins.releasetrain.gitops;
