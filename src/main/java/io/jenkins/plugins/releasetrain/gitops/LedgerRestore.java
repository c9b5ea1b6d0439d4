package io.jenkins.plugins.releasetrain.gitops;

import io.jenkins.plugins.releasetrain.manifest.LoadedManifest;
import io.jenkins.plugins.releasetrain.plan.ChangeKind;
import io.jenkins.plugins.releasetrain.plan.EnvironmentDiff;
import io.jenkins.plugins.releasetrain.plan.PlannedArtifact;
import io.jenkins.plugins.releasetrain.plan.ProductChange;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;

/**
 * Makes an environment's manifest in git say again what runs there: after a rollback, git still names the release
 * that was rolled back. The manifest the ledger recorded for the run that made the live release live is written
 * back, byte for byte as it ran (it was that file then), as a commit on a review branch like a promotion.
 */
public final class LedgerRestore {

    private final ManifestRepository repository;

    public LedgerRestore(ManifestRepository repository) {
        this.repository = Objects.requireNonNull(repository, "repository");
    }

    /**
     * The commit that would put {@code live}'s text at {@code environment}'s path, read at {@code base}.
     *
     * @param live the manifest recorded by the run that made the live release live
     * @param why where {@code live} comes from, for the reviewer ("run 2026… of the ledger, a rollback to run …")
     */
    public PreparedPromotion prepare(
            String environment, ManifestPathPattern paths, Optional<String> base, LoadedManifest live, String why) {
        String declared = live.release().environment().name();
        if (!declared.equals(environment)) {
            throw new PromotionNotPossibleException(
                    "the live release recorded for " + environment + " declares environment '" + declared + "'",
                    "check the environment name and the ledger");
        }
        String branch = base.or(repository::defaultBranch)
                .orElseThrow(() -> new UnknownRevisionException(
                        "HEAD",
                        "cannot tell which branch of " + repository.location().display() + " to commit on",
                        "give the branch with --base, such as --base main"));
        String path = paths.pathFor(environment);
        ObjectId commit = repository.commitOf(branch, RemoteMirror.History.TIP);
        ManifestAtRevision target = repository.load(branch, repository.fileAt(commit, path, branch));
        EnvironmentDiff diff = EnvironmentDiff.of(live.release(), target.release());
        List<PlannedArtifact> artifacts = diff.artifacts().stream()
                .filter(a -> a.change() != ChangeKind.UNCHANGED)
                .toList();
        List<ProductChange> products = diff.products().stream()
                .filter(p -> p.change() != ChangeKind.UNCHANGED)
                .toList();
        String text = live.document().text();
        Promotion restore = new Promotion(
                environment,
                environment,
                target.manifest().document().text(),
                text,
                target.release(),
                live.release(),
                artifacts,
                products,
                List.of("the manifest is written back as " + why + " recorded it, comments included"));
        ManifestAtRevision source = new ManifestAtRevision("the ledger", why, target.commit(), path, live);
        return new PreparedPromotion(
                branch, commit.name(), source, target, restore, UnifiedDiff.of(path, restore.originalText(), text));
    }
}
