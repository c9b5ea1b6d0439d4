package io.jenkins.plugins.releasetrain.approval;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.releasetrain.approval.BuildChanges.Change;
import java.util.List;
import org.junit.jupiter.api.Test;

class BuildChangesTest {

    private static final String MANIFEST = "releases/production-us-east-2.yaml";

    @Test
    void authorsAreThePeopleWhoseChangesTouchedTheManifest() {
        List<ReleaseAuthor> authors = BuildChanges.authors(
                MANIFEST,
                List.of(
                        new Change("c3", "alice", "Alice Liddell", List.of(MANIFEST, "README.md")),
                        new Change("c2", "bob", "Bob", List.of("releases/staging-us-east-2.yaml")),
                        new Change("c1", "erin", null, List.of(MANIFEST))));

        assertThat(authors).extracting(ReleaseAuthor::name).containsExactly("alice", "Alice Liddell", "erin");
        assertThat(authors).extracting(ReleaseAuthor::commit).containsExactly("c3", "c3", "c1");
        assertThat(authors.get(0).is(Identity.of("ALICE"))).isTrue();
        assertThat(authors.get(1).is(Identity.of("al").withAliases("alice liddell")))
                .isTrue();
    }

    @Test
    void eachPersonCountsOnceWithTheirNewestChange() {
        List<ReleaseAuthor> authors = BuildChanges.authors(
                MANIFEST,
                List.of(
                        new Change("new", "alice", "Alice", List.of(MANIFEST)),
                        new Change("old", "Alice", "alice", List.of(MANIFEST))));

        assertThat(authors).extracting(ReleaseAuthor::commit).containsExactly("new");
    }

    @Test
    void matchesAManifestCheckedOutIntoASubdirectoryOrGivenWithDotSlash() {
        assertThat(BuildChanges.authors(
                        "infra/" + MANIFEST, List.of(new Change("c", "alice", null, List.of(MANIFEST)))))
                .hasSize(1);
        assertThat(BuildChanges.authors(
                        "./" + MANIFEST, List.of(new Change("c", "alice", null, List.of("/" + MANIFEST)))))
                .hasSize(1);
        assertThat(BuildChanges.authors(
                        MANIFEST,
                        List.of(new Change("c", "alice", null, List.of("releases\\production-us-east-2.yaml")))))
                .hasSize(1);
    }

    @Test
    void aFileWhoseNameOnlyEndsLikeTheManifestIsAnotherFile() {
        assertThat(BuildChanges.authors(
                        MANIFEST,
                        List.of(new Change("c", "alice", null, List.of("old-releases/production-us-east-2.yaml")))))
                .isEmpty();
        assertThat(BuildChanges.authors(MANIFEST, List.of(new Change("c", "alice", null, List.of("")))))
                .isEmpty();
    }
}
