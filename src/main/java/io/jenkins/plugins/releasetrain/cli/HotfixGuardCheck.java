package io.jenkins.plugins.releasetrain.cli;

import io.jenkins.plugins.releasetrain.changelog.ChangelogOptions;
import io.jenkins.plugins.releasetrain.changelog.Changelogs;
import io.jenkins.plugins.releasetrain.changelog.HotfixGuard;
import io.jenkins.plugins.releasetrain.changelog.ImageOrigins;
import io.jenkins.plugins.releasetrain.changelog.ReleaseChangelog;
import io.jenkins.plugins.releasetrain.changelog.RepositoryLocator;
import io.jenkins.plugins.releasetrain.gitops.GitAccess;
import io.jenkins.plugins.releasetrain.ledger.Ledger;
import io.jenkins.plugins.releasetrain.plan.PlannedArtifact;
import io.jenkins.plugins.releasetrain.plan.RunPreview;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code run}'s guard for hotfixes: a regular release that would replace an artifact a hotfix deployed with a commit
 * that does not contain the fix is refused with the commits it would drop, unless {@code --drop-hotfix REASON}
 * says it is meant (and is recorded with the run).
 */
public final class HotfixGuardCheck {

    @Mixin
    private RepositoryLocationOptions locations;

    @Option(
            names = "--drop-hotfix",
            paramLabel = "REASON",
            description = "Release even though it replaces hotfixed artifacts with commits that do not contain the fix;"
                    + " REASON is recorded with the run.")
    private String dropReason;

    private List<HotfixGuard.DroppedHotfix> dropped = List.of();

    /** Nothing when the release keeps every live hotfix or --drop-hotfix says otherwise; else exit 3, having said why. */
    Optional<Integer> refusal(Terminal terminal, RunPreview preview, Ledger ledger, boolean hotfix) {
        if (hotfix) {
            return Optional.empty(); // a hotfix on a hotfix replaces it knowingly: that is its lane's decision
        }
        Set<String> hotfixed =
                Set.copyOf(ledger.read(preview.release().environment().name()).hotfixedArtifacts());
        List<PlannedArtifact> touched = HotfixGuard.touched(preview.plan(), hotfixed);
        if (touched.isEmpty()) {
            return Optional.empty();
        }
        dropped = HotfixGuard.check(touched, changelog(touched));
        if (dropped.isEmpty()) {
            return Optional.empty();
        }
        if (dropReason != null && !dropReason.isBlank()) {
            terminal.err()
                    .println(terminal.yellow("release-train: dropping the hotfix on "
                            + String.join(
                                    ", ",
                                    dropped.stream()
                                            .map(HotfixGuard.DroppedHotfix::artifactId)
                                            .toList())
                            + " (--drop-hotfix: " + dropReason.strip() + ")"));
            return Optional.empty();
        }
        HotfixGuard.describe(dropped)
                .forEach(line ->
                        terminal.err().println(line.startsWith(" ") ? line : terminal.red("release-train: " + line)));
        terminal.err()
                .println(terminal.yellow("refused: nothing ran; release a version that contains the hotfix"
                        + " (release-train promote --reintegrate), or pass --drop-hotfix REASON"));
        return Optional.of(ExitCode.AWAITING_APPROVAL);
    }

    /** The artifacts whose live hotfix the run takes away, as --drop-hotfix allows; empty when it drops none. */
    Set<String> droppedArtifacts() {
        return dropReason == null
                ? Set.of()
                : Set.copyOf(dropped.stream()
                        .map(HotfixGuard.DroppedHotfix::artifactId)
                        .toList());
    }

    /** What to record with the run's start: the hotfixes it drops, and why, when it drops any. */
    Map<String, String> details() {
        return dropReason == null ? Map.of() : HotfixGuard.details(dropped, dropReason);
    }

    private Optional<ReleaseChangelog> changelog(List<PlannedArtifact> touched) {
        RepositoryLocator locator = locations.locator(locations.file());
        if (!locator.isConfigured()) {
            return Optional.empty();
        }
        GitAccess access = GitAccess.anonymous(GitAccess.defaultCacheRoot());
        return Optional.of(
                new Changelogs(locator, access, ChangelogOptions.defaults(), ImageOrigins.NONE, Clock.systemUTC())
                        .of(touched));
    }
}
