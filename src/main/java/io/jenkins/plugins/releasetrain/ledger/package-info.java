/**
 * The ledger: an append-only, crash-safe record of every release run, artifact result and approval, one
 * JSON Lines file per environment, and the queries the board, the approvals and the Jenkins plugin ask of
 * it (docs/ledger.md).
 */
package io.jenkins.plugins.releasetrain.ledger;
