/**
 * What a release contains, artifact by artifact: the commits between the one live in the environment and the
 * one a release deploys (with pull requests and issue keys), and for images the commit they were built from.
 * Repository locations come from configuration ({@link io.jenkins.plugins.releasetrain.changelog.RepositoryLocator}),
 * never from a manifest alone; a repository that cannot be read leaves its artifact's changelog missing, with
 * the reason, and never stops a plan.
 */
package io.jenkins.plugins.releasetrain.changelog;
