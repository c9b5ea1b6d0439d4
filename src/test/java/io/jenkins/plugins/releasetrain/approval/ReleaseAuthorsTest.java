package io.jenkins.plugins.releasetrain.approval;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.releasetrain.gitops.Identity;
import io.jenkins.plugins.releasetrain.gitops.ManifestAuthorship;
import io.jenkins.plugins.releasetrain.gitops.ManifestChange;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** gitops' authorship becomes the people a separation-of-duties rule keeps from approving. */
class ReleaseAuthorsTest {

    private static final Identity ALICE = new Identity("Alice Author", "alice@example.com");
    private static final Identity CAROL = new Identity("Carol Committer", "carol@example.com");
    private static final Identity DAN = new Identity("Dan", "1234+dan@users.noreply.github.com");

    @Test
    void authorsCommittersAndCoAuthorsEachOnceWithTheirNewestCommit() {
        ManifestAuthorship authorship = new ManifestAuthorship(
                "releases/production-us-east-2.yaml",
                Optional.of("0".repeat(40)),
                "b".repeat(40),
                List.of(
                        change("b".repeat(40), ALICE, CAROL, List.of(DAN)),
                        change("a".repeat(40), ALICE, ALICE, List.of())),
                true);
        assertThat(ReleaseAuthors.of(authorship))
                .containsExactly(
                        ReleaseAuthor.author("Alice Author", "alice@example.com", "b".repeat(40)),
                        ReleaseAuthor.committer("Carol Committer", "carol@example.com", "b".repeat(40)),
                        ReleaseAuthor.coAuthor("Dan", "1234+dan@users.noreply.github.com", "b".repeat(40)));
    }

    @Test
    void theGateRefusesEachOfThemByUserIdOrLogin() {
        ManifestAuthorship authorship = new ManifestAuthorship(
                "releases/production-us-east-2.yaml",
                Optional.empty(),
                "b".repeat(40),
                List.of(change("b".repeat(40), ALICE, CAROL, List.of(DAN))),
                true);
        Decision decision = Scenario.under(Scenario.TWO_LEADS)
                .with(new Participants(Optional.empty(), ReleaseAuthors.of(authorship)))
                .events(Scenario.lead("alice"), Scenario.lead("carol"), Scenario.lead("dan"), Scenario.lead("bob"))
                .decide();
        assertThat(decision.counted()).extracting(j -> j.event().actor().user()).containsExactly("bob");
        assertThat(decision.explanation())
                .contains(
                        "alice cannot approve: alice authored this release (commit bbbbbbbbbbbb, as alice@example.com).",
                        "carol cannot approve: carol committed this release (commit bbbbbbbbbbbb, as carol@example.com).",
                        "dan cannot approve: dan co-authored this release (commit bbbbbbbbbbbb).");
    }

    private static ManifestChange change(String commit, Identity author, Identity committer, List<Identity> coAuthors) {
        return new ManifestChange(
                commit,
                "releases/production-us-east-2.yaml",
                author,
                committer,
                coAuthors,
                Instant.parse("2026-10-20T08:00:00Z").minus(Duration.ofHours(1)),
                "production: rc2");
    }
}
