package io.jenkins.plugins.releasetrain.gitops;

import io.jenkins.plugins.releasetrain.manifest.Suggestions;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.jgit.errors.AmbiguousObjectException;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;

/** Turns what a user calls a revision (branch, tag, full or abbreviated SHA, {@code main~2}) into a commit. */
final class Revisions {

    /** Hex digits that may be an abbreviated or full commit SHA (SHA-1 or SHA-256). */
    static final Pattern HEX = Pattern.compile("[0-9a-fA-F]{4,64}");

    private static final int LISTED = 8;

    private Revisions() {}

    static ObjectId commit(Repository repository, String revision, String repositoryName) {
        String rev = revision.strip();
        if (rev.isEmpty()) {
            throw new UnknownRevisionException(revision, "no revision given", "give a branch, tag or commit SHA");
        }
        try {
            ObjectId id = repository.resolve(rev + "^{commit}");
            if (id != null) {
                return id;
            }
        } catch (AmbiguousObjectException e) {
            throw new UnknownRevisionException(
                    rev,
                    "the abbreviated SHA '" + rev + "' matches "
                            + e.getCandidates().size() + " objects in " + repositoryName,
                    "give more digits of the commit SHA");
        } catch (IncorrectObjectTypeException e) {
            throw new UnknownRevisionException(
                    rev,
                    "'" + rev + "' in " + repositoryName + " does not point at a commit",
                    "give a branch, tag or" + " commit SHA");
        } catch (RevisionSyntaxException e) {
            throw new UnknownRevisionException(
                    rev,
                    "'" + rev + "' is not a revision git can read",
                    "give a branch (main), a tag (v1.2.0), a commit SHA (full or at least 4 digits) or main~2");
        } catch (IOException e) {
            throw new RepositoryAccessException(
                    "cannot read " + repositoryName + ": " + e.getMessage(), "check that it is a git repository", e);
        }
        List<String> branches = names(repository, Constants.R_HEADS);
        if (rev.equals(Constants.HEAD)) {
            Optional<String> missing = headBranch(repository);
            if (missing.isPresent()) {
                // A bare repository created with another default branch than the one pushed to it.
                throw new UnknownRevisionException(
                        rev,
                        "HEAD of " + repositoryName + " names the branch '" + missing.get() + "', which does not exist",
                        "name a branch to read instead"
                                + (branches.isEmpty() ? "" : ", such as " + branches.get(0))
                                + " (branches: " + list(branches) + ")");
            }
        }
        throw unknown(rev, repositoryName, branches, names(repository, Constants.R_TAGS));
    }

    /** The branch HEAD points at, when it is a branch that does not exist (yet). */
    private static Optional<String> headBranch(Repository repository) {
        try {
            Ref head = repository.exactRef(Constants.HEAD);
            if (head != null && head.isSymbolic() && head.getObjectId() == null) {
                return Optional.of(Repository.shortenRefName(head.getTarget().getName()));
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The error for a revision nobody has, with the closest name and some of the names that exist. */
    static UnknownRevisionException unknown(
            String revision, String repositoryName, Collection<String> branches, Collection<String> tags) {
        List<String> known = new ArrayList<>(branches);
        known.addAll(tags);
        String base = baseName(revision);
        StringBuilder hint = new StringBuilder();
        Suggestions.closest(base, known)
                .ifPresent(s -> hint.append("did you mean '").append(s).append("'? "));
        hint.append("branches: ").append(list(branches)).append("; tags: ").append(list(tags));
        String what = HEX.matcher(base).matches() ? "commit" : "branch, tag or commit";
        return new UnknownRevisionException(
                revision, "no " + what + " '" + revision + "' in " + repositoryName, hint.toString());
    }

    /** The name part of a revision expression: {@code main} of {@code main~2}, {@code v1^{commit}}. */
    static String baseName(String revision) {
        int cut = revision.length();
        for (char c : new char[] {'~', '^', '@', ':'}) {
            int at = revision.indexOf(c);
            if (at > 0 && at < cut) {
                cut = at;
            }
        }
        return revision.substring(0, cut);
    }

    /** Whether the revision walks history ({@code main~2}, {@code v1^}), which a shallow copy cannot answer. */
    static boolean navigates(String revision) {
        return !baseName(revision).equals(revision);
    }

    private static List<String> names(Repository repository, String prefix) {
        try {
            return repository.getRefDatabase().getRefsByPrefix(prefix).stream()
                    .map(Ref::getName)
                    .map(name -> name.substring(prefix.length()))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static String list(Collection<String> names) {
        if (names.isEmpty()) {
            return "none";
        }
        List<String> shown = names.stream().sorted().limit(LISTED).toList();
        String more = names.size() > LISTED ? " and " + (names.size() - LISTED) + " more" : "";
        return String.join(", ", shown) + more;
    }
}
