package io.jenkins.plugins.releasetrain.cli;

import io.jenkins.plugins.releasetrain.changelog.ChangelogMaps;
import io.jenkins.plugins.releasetrain.changelog.ReleaseChangelog;
import io.jenkins.plugins.releasetrain.gitops.ArtifactSelection;
import io.jenkins.plugins.releasetrain.gitops.BranchProtection;
import io.jenkins.plugins.releasetrain.gitops.CommitOptions;
import io.jenkins.plugins.releasetrain.gitops.CommittedPromotion;
import io.jenkins.plugins.releasetrain.gitops.GitOpsMaps;
import io.jenkins.plugins.releasetrain.gitops.Identity;
import io.jenkins.plugins.releasetrain.gitops.LedgerRestore;
import io.jenkins.plugins.releasetrain.gitops.ManifestPathPattern;
import io.jenkins.plugins.releasetrain.gitops.ManifestRepository;
import io.jenkins.plugins.releasetrain.gitops.PreparedPromotion;
import io.jenkins.plugins.releasetrain.gitops.Promoter;
import io.jenkins.plugins.releasetrain.gitops.Promotion;
import io.jenkins.plugins.releasetrain.gitops.PromotionRequest;
import io.jenkins.plugins.releasetrain.gitops.PushedPromotion;
import io.jenkins.plugins.releasetrain.ledger.Ledger;
import io.jenkins.plugins.releasetrain.ledger.LiveManifest;
import io.jenkins.plugins.releasetrain.plan.PlanMaps;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code release-train promote --repo R --from staging --to production [--push]}: writes staging's versions
 * into production's manifest, formatting and comments kept, as a commit on a review branch.
 */
@Command(
        name = "promote",
        description = "Promote one environment's release into another's manifest in git: take products, versions,"
                + " commits and image tags from --from, keep --to's environment block, comments and formatting,"
                + " commit on a review branch (message lists every change, with Release-Id and Approved-by"
                + " trailers) and, with --push, push it.",
        mixinStandardHelpOptions = true)
public final class PromoteCommand extends GitCommand {

    @Option(names = "--from", paramLabel = "ENV", description = "Environment promoted from.")
    private String from;

    @Option(
            names = "--from-ledger",
            paramLabel = "DIR",
            description = "Instead of --from: make --to's manifest say again what runs there, from the ledger in DIR"
                    + " (after a rollback, git still names the release rolled back): the manifest recorded by the"
                    + " run that made the live release live is committed back, as it ran.")
    private Path fromLedger;

    @Option(names = "--to", required = true, paramLabel = "ENV", description = "Environment promoted into.")
    private String to;

    @Option(
            names = "--reintegrate",
            paramLabel = "DIR",
            description =
                    "Bring back only the hotfixes live in --from, as the ledger in DIR says: the artifacts a hotfix"
                            + " deployed there (run --hotfix) are written into --to's manifest, nothing else.")
    private Path reintegrate;

    @Option(
            names = "--path-pattern",
            paramLabel = "PATTERN",
            defaultValue = "releases/{env}.yaml",
            description = "Where each environment's manifest is (default: ${DEFAULT-VALUE}).")
    private String pathPattern;

    @Option(
            names = "--artifacts",
            arity = "1..*",
            paramLabel = "ID",
            description = "Promote only these artifact ids or products (default: everything that differs).")
    private List<String> artifacts = new ArrayList<>();

    @Option(
            names = "--base",
            paramLabel = "BRANCH",
            description = "Branch to read both manifests on and commit onto (default: the remote's HEAD, or the"
                    + " checked-out branch).")
    private String base;

    @Option(
            names = "--branch",
            paramLabel = "NAME",
            description = "Branch to commit to (default: release-train/<to>-<release id>).")
    private String branch;

    @Option(names = "--push", description = "Push the branch (to the --repo URL, or to --remote of a local clone).")
    private boolean push;

    @Option(
            names = "--remote",
            paramLabel = "NAME",
            defaultValue = "origin",
            description = "Remote a local clone pushes to (default: ${DEFAULT-VALUE}).")
    private String remote;

    @Option(
            names = "--approved-by",
            arity = "1..*",
            paramLabel = "NAME",
            description = "Approvers, each recorded as an Approved-by: trailer.")
    private List<String> approvedBy = new ArrayList<>();

    @Option(
            names = "--author",
            paramLabel = "'NAME <EMAIL>'",
            description = "Author and committer (default: git config user.name and user.email).")
    private String author;

    @Option(
            names = "--protected-branch",
            arity = "1..*",
            paramLabel = "PATTERN",
            description = "Branches never committed to without --allow-protected (default: main, master, release/*).")
    private List<String> protectedBranches;

    @Option(names = "--allow-protected", description = "Allow --branch to be a protected branch.")
    private boolean allowProtected;

    @Option(names = "--dry-run", description = "Show the change and the diff; commit nothing.")
    private boolean dryRun;

    @Mixin
    private ChangelogCommandOptions changes;

    @Override
    protected int runGit(Terminal terminal) {
        Optional<Identity> identity =
                Optional.ofNullable(author).map(a -> Identity.parse(a).orElse(null));
        if (author != null && identity.isEmpty()) {
            terminal.err()
                    .println(terminal.red("release-train: --author must read 'Name <email>', not '" + author + "'"));
            return ExitCode.INVALID;
        }
        if ((from == null) == (fromLedger == null)) {
            terminal.err()
                    .println(terminal.red("release-train: error: give --from ENV (another environment's manifest) or"
                            + " --from-ledger DIR (what runs in --to, from its ledger)"));
            return ExitCode.INVALID;
        }
        if (fromLedger != null && !artifacts.isEmpty()) {
            terminal.err()
                    .println(terminal.red("release-train: error: --from-ledger writes the whole manifest that ran;"
                            + " it takes no --artifacts"));
            return ExitCode.INVALID;
        }
        if (reintegrate != null) {
            if (from == null || !artifacts.isEmpty()) {
                terminal.err()
                        .println(terminal.red("release-train: error: --reintegrate DIR takes --from ENV (where the"
                                + " hotfix is live) and chooses the artifacts itself; no --artifacts"));
                return ExitCode.INVALID;
            }
            List<String> hotfixed = Ledger.open(reintegrate).read(from).hotfixedArtifacts();
            if (hotfixed.isEmpty()) {
                terminal.err()
                        .println(terminal.red("release-train: error: no hotfix is live in " + from + " (ledger "
                                + reintegrate + "): nothing to reintegrate"));
                return ExitCode.INVALID;
            }
            artifacts = new ArrayList<>(hotfixed);
        }
        Optional<LiveManifest> live = Optional.empty();
        if (fromLedger != null) {
            live = LiveManifest.of(Ledger.open(fromLedger).read(to));
            if (live.isEmpty()) {
                terminal.err()
                        .println(terminal.red("release-train: error: the ledger in " + fromLedger + " has no release"
                                + " live as a whole in " + to + " (release-train state " + to + " --ledger "
                                + fromLedger + ")"));
                return ExitCode.INVALID;
            }
        }
        PromotionRequest request = new PromotionRequest(
                from == null ? to : from,
                to,
                new ManifestPathPattern(pathPattern),
                ArtifactSelection.of(artifacts),
                Optional.ofNullable(base));
        CommitOptions options = new CommitOptions(
                Optional.ofNullable(branch),
                identity,
                approvedBy,
                protectedBranches == null ? BranchProtection.defaults() : new BranchProtection(protectedBranches),
                allowProtected);
        try (ManifestRepository manifests = repository.open(terminal)) {
            Promoter promoter = new Promoter(manifests);
            PreparedPromotion prepared = live.isPresent()
                    ? new LedgerRestore(manifests)
                            .prepare(
                                    to,
                                    new ManifestPathPattern(pathPattern),
                                    Optional.ofNullable(base),
                                    live.get().manifest(),
                                    live.get().describe())
                    : promoter.prepare(request);
            Map<String, Object> document = document(prepared);
            Optional<ReleaseChangelog> changelog;
            try {
                changelog = changes.wanted()
                        ? Optional.of(changes.changelog(prepared.promotion().artifacts(), repository.access()))
                        : Optional.empty();
            } catch (IllegalArgumentException e) {
                terminal.err().println(terminal.red("release-train: error: " + e.getMessage()));
                return ExitCode.INVALID;
            } catch (IOException e) {
                terminal.err().println(terminal.red("release-train: error: " + e.getMessage()));
                return ExitCode.FAILED;
            }
            changelog.ifPresent(c -> document.put("changelog", ChangelogMaps.changelog(c)));
            options = options.withChanges(changelog.map(ChangelogText::plain).orElse(""));
            if (!json()) {
                describe(terminal, prepared);
                changelog.ifPresent(c -> ChangelogText.print(terminal, c));
            }
            String outcome;
            if (prepared.changesNothing()) {
                outcome = from == null
                        ? to + "'s manifest already says what runs there: nothing to commit"
                        : to + " already has " + (artifacts.isEmpty() ? "everything" : "the selected artifacts")
                                + " from " + from + ": nothing to commit";
            } else if (dryRun) {
                outcome = "dry run: nothing committed";
            } else if (manifests.location().isRemote() && !push) {
                outcome = "nothing committed: a remote repository only changes by pushing; add --push";
            } else {
                CommittedPromotion committed = promoter.commit(prepared, options);
                document.put("committed", Map.of("branch", committed.branch(), "commit", committed.commit()));
                outcome = "committed " + committed.shortCommit() + " on branch " + committed.branch();
                if (manifests.isBare()) {
                    // A bare repository is where a push would go: the branch is there now, ready for review.
                    outcome += " of the bare repository " + manifests.location().display()
                            + ": the branch is there already, nothing to push; open the pull request from it";
                } else if (push) {
                    PushedPromotion pushed = promoter.push(committed, remote);
                    document.put("pushed", pushed(pushed));
                    outcome = pushedOutcome(pushed);
                } else {
                    outcome += "; push it with: git push " + remote + " " + committed.branch();
                }
            }
            document.put("outcome", outcome);
            if (json()) {
                printJson(terminal, document);
            } else {
                terminal.out().println(terminal.green(outcome));
            }
            return ExitCode.OK;
        }
    }

    private void describe(Terminal terminal, PreparedPromotion prepared) {
        Promotion promotion = prepared.promotion();
        terminal.out()
                .println(terminal.bold(
                                from == null
                                        ? "Matching " + to + " to what runs there"
                                        : "Promoting " + from + " into " + to)
                        + " on " + prepared.base() + " (commit "
                        + prepared.baseCommit().substring(0, 12) + ") of "
                        + prepared.target().repository());
        terminal.out().println();
        if (!promotion.products().isEmpty() || !promotion.artifacts().isEmpty()) {
            ChangeTables.print(terminal, promotion.products(), promotion.artifacts());
            terminal.out().println();
        }
        for (String note : promotion.notes()) {
            terminal.err().println(terminal.yellow("note: " + note));
        }
        if (!prepared.changesNothing()) {
            for (String line : prepared.diff().split("\n", -1)) {
                terminal.out().println(colour(terminal, line));
            }
            terminal.out()
                    .println(to + " release after promotion: "
                            + promotion.after().id().shortForm());
        }
    }

    private static String colour(Terminal terminal, String line) {
        if (line.startsWith("+") && !line.startsWith("+++")) {
            return terminal.green(line);
        } else if (line.startsWith("-") && !line.startsWith("---")) {
            return terminal.red(line);
        }
        return line;
    }

    private static String pushedOutcome(PushedPromotion pushed) {
        String commit = pushed.commit().substring(0, 12);
        if (pushed.alreadyThere()) {
            return pushed.branch() + " on " + pushed.remote() + " already has this promotion (" + commit + ")";
        }
        return "pushed " + commit + " to " + pushed.branch() + " on " + pushed.remote()
                + pushed.rebasedOnto()
                        .map(onto -> " after rebasing onto " + onto.substring(0, 12))
                        .orElse("");
    }

    private Map<String, Object> document(PreparedPromotion prepared) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("from", GitOpsMaps.manifest(prepared.source()));
        document.put("to", GitOpsMaps.manifest(prepared.target()));
        document.put("base", prepared.base());
        document.put("baseCommit", prepared.baseCommit());
        document.put("releaseId", prepared.promotion().after().id().value());
        document.put(
                "products",
                prepared.promotion().products().stream()
                        .map(p -> {
                            Map<String, Object> map = new LinkedHashMap<>();
                            map.put("name", p.product());
                            map.put("change", p.change().label());
                            map.put("before", p.before());
                            map.put("after", p.after());
                            return map;
                        })
                        .toList());
        document.put(
                "artifacts",
                prepared.promotion().artifacts().stream()
                        .map(PlanMaps::artifact)
                        .toList());
        document.put("notes", prepared.promotion().notes());
        document.put("diff", prepared.diff());
        document.put("committed", null);
        document.put("pushed", null);
        return document;
    }

    private static Map<String, Object> pushed(PushedPromotion pushed) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("remote", pushed.remote());
        map.put("branch", pushed.branch());
        map.put("commit", pushed.commit());
        map.put("rebasedOnto", pushed.rebasedOnto().orElse(null));
        map.put("alreadyThere", pushed.alreadyThere());
        return map;
    }
}
