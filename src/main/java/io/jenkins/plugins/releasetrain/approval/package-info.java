/**
 * Approval policy: which environments are protected, who may approve a release there, how many distinct
 * approvals it needs, promotion order, freeze windows, and the decision that explains itself to the person
 * reading it. Pure functions of plain data; the ledger, the CLI and the Jenkins plugin feed them.
 * See docs/approvals.md.
 */
package io.jenkins.plugins.releasetrain.approval;
