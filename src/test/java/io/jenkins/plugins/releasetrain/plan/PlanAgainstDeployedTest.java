package io.jenkins.plugins.releasetrain.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.releasetrain.manifest.Artifact;
import io.jenkins.plugins.releasetrain.manifest.ManifestLoader;
import io.jenkins.plugins.releasetrain.manifest.Release;
import io.jenkins.plugins.releasetrain.testing.Fixtures;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Planning against what is live artifact by artifact, as after a partial run. */
class PlanAgainstDeployedTest {

    private final Release staging = load(Fixtures.exampleText("staging-us-east-2.yaml"));
    private final Release next = load(Fixtures.replaceOnce(
            Fixtures.replaceOnce(
                    Fixtures.exampleText("staging-us-east-2.yaml"), "releaseCandidate: 2", "releaseCandidate: 3"),
            "b4522e8ffe7162d01bfe7637ab7412fee919d2a5",
            "c4522e8ffe7162d01bfe7637ab7412fee919d2a5"));

    @Test
    void agreesWithThePlanAgainstAReleaseWhenThatReleaseIsWhatIsLive() {
        ReleasePlan byRelease = ReleasePlan.of(next, Optional.of(staging));
        ReleasePlan byArtifacts = ReleasePlan.of(next, DeployedArtifacts.of(staging));

        assertThat(byArtifacts.artifacts()).isEqualTo(byRelease.artifacts());
        assertThat(byArtifacts.products()).isEqualTo(byRelease.products());
        assertThat(byArtifacts.deployed()).isEmpty();
    }

    @Test
    void plansOnlyWhatIsNotLiveYetAfterAPartialRun() {
        // The last run of `next` deployed everything but the portal, which kept staging's version.
        Map<String, Artifact> live = new LinkedHashMap<>();
        next.artifacts().forEach(a -> live.put(a.id(), a));
        live.put(
                "product1/deploy/portal",
                staging.artifact("product1/deploy/portal").orElseThrow());

        ReleasePlan plan = ReleasePlan.of(next, new DeployedArtifacts(live, Map.of("product1", "1.9.0-rc3")));

        assertThat(plan.work()).extracting(PlannedArtifact::id).containsExactly("product1/deploy/portal");
        assertThat(plan.count(ChangeKind.UNCHANGED)).isEqualTo(next.artifacts().size() - 1);
        assertThat(plan.products())
                .singleElement()
                .satisfies(p -> assertThat(p.change()).isEqualTo(ChangeKind.UNCHANGED));
    }

    @Test
    void reportsArtifactsLiveButNoLongerReleasedAsRemoved() {
        Map<String, Artifact> live = new LinkedHashMap<>();
        staging.artifacts().forEach(a -> live.put(a.id(), a));
        Release fewer = load(Fixtures.exampleText("staging-us-east-2.yaml")
                .substring(0, Fixtures.exampleText("staging-us-east-2.yaml").indexOf("    images:")));

        ReleasePlan plan = ReleasePlan.of(fewer, new DeployedArtifacts(live, Map.of("product1", "1.9.0-rc2")));

        assertThat(plan.count(ChangeKind.REMOVED)).isEqualTo(3);
        assertThat(plan.hasWork()).isFalse();
    }

    @Test
    void plansEverythingAsAddedWhenNothingIsLive() {
        ReleasePlan plan = ReleasePlan.of(staging, DeployedArtifacts.none());

        assertThat(plan.count(ChangeKind.ADDED)).isEqualTo(staging.artifacts().size());
        assertThat(plan.products())
                .singleElement()
                .satisfies(p -> assertThat(p.change()).isEqualTo(ChangeKind.ADDED));
    }

    private static Release load(String text) {
        return new ManifestLoader().load("test.yaml", text).release();
    }
}
