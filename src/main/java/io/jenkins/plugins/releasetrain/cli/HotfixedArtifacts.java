package io.jenkins.plugins.releasetrain.cli;

import io.jenkins.plugins.releasetrain.ledger.EnvironmentLedger;
import io.jenkins.plugins.releasetrain.ledger.LiveArtifact;
import io.jenkins.plugins.releasetrain.ledger.RunId;
import java.util.List;
import java.util.Set;

/** The artifacts of an environment whose live version a hotfix deployed: what reintegration brings upstream. */
final class HotfixedArtifacts {

    private HotfixedArtifacts() {}

    static List<String> liveIn(EnvironmentLedger ledger) {
        Set<RunId> hotfixes = ledger.hotfixRuns();
        return ledger.state().artifacts().stream()
                .filter(live -> hotfixes.contains(live.deployedIn()))
                .map(LiveArtifact::artifactId)
                .toList();
    }
}
