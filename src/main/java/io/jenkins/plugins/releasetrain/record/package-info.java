/**
 * The release record: for one run of one environment, in one file, who released what, when, approved by whom
 * under which rule, and what happened to each artifact; built from the ledger alone (and, for its changelog,
 * the repositories the release names), the same ledger always giving the same bytes.
 */
package io.jenkins.plugins.releasetrain.record;
