/**
 * Notifications people actually receive: release events (awaiting approval, started, failed, rolled back, ...)
 * sent to webhooks as CloudEvents 1.0 or Slack-compatible messages, signed, retried within a bound, and never
 * blocking or failing a release.
 */
package io.jenkins.plugins.releasetrain.notify;
