package io.jenkins.plugins.releasetrain.cli;

import io.jenkins.plugins.releasetrain.changelog.ChangelogOptions;
import io.jenkins.plugins.releasetrain.changelog.Changelogs;
import io.jenkins.plugins.releasetrain.changelog.Commit;
import io.jenkins.plugins.releasetrain.changelog.HotfixGuard;
import io.jenkins.plugins.releasetrain.changelog.ImageOrigins;
import io.jenkins.plugins.releasetrain.changelog.ReleaseChangelog;
import io.jenkins.plugins.releasetrain.changelog.RepositoryLocator;
import io.jenkins.plugins.releasetrain.gitops.GitAccess;
import io.jenkins.plugins.releasetrain.ledger.Ledger;
import io.jenkins.plugins.releasetrain.plan.PlannedArtifact;
import io.jenkins.plugins.releasetrain.plan.RunPreview;
import java.time.Clock;
import java.util.LinkedHashMap;
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

    /** The details a run that drops hotfixes records: which artifacts, and why it was meant. */
    static final String DROPPED = "hotfix.dropped";

    static final String REASON = "hotfix.dropReason";

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
        Set<String> hotfixed = Set.copyOf(HotfixedArtifacts.liveIn(
                ledger.read(preview.release().environment().name())));
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
        for (HotfixGuard.DroppedHotfix drop : dropped) {
            terminal.err()
                    .println(terminal.red("release-train: " + drop.artifactId() + ": the release's "
                            + shortSha(drop.replacement()) + " " + drop.why() + " live as " + shortSha(drop.live())));
            for (Commit commit : drop.dropped().commits()) {
                terminal.err().println("  drops " + commit.shortSha() + "  " + commit.subject());
            }
            if (drop.dropped().more() > 0) {
                terminal.err().println("  and " + drop.dropped().more() + " more");
            }
        }
        terminal.err()
                .println(terminal.yellow("refused: nothing ran; release a version that contains the hotfix"
                        + " (release-train promote --reintegrate), or pass --drop-hotfix REASON"));
        return Optional.of(ExitCode.AWAITING_APPROVAL);
    }

    /** What to record with the run's start: the hotfixes it drops, and why, when it drops any. */
    Map<String, String> details() {
        Map<String, String> details = new LinkedHashMap<>();
        if (!dropped.isEmpty() && dropReason != null) {
            details.put(
                    DROPPED,
                    String.join(
                            ",",
                            dropped.stream()
                                    .map(HotfixGuard.DroppedHotfix::artifactId)
                                    .toList()));
            details.put(REASON, dropReason.strip());
        }
        return details;
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

    private static String shortSha(String version) {
        return version.length() == 40 ? version.substring(0, 12) : version;
    }
}
