package io.jenkins.plugins.releasetrain.gitops;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;
import org.eclipse.jgit.errors.LargeObjectException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.merge.MergeAlgorithm;
import org.eclipse.jgit.merge.MergeFormatter;
import org.eclipse.jgit.merge.MergeResult;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.revwalk.filter.RevFilter;

/**
 * Tells whether a merge commit wrote anything of its own into a file that differs from both parents.
 * When both branches changed the file, the merge result differs from each parent and yet may be nothing
 * but the two changes combined, authored by the branches' commits; only a result other than the clean
 * line merge of the two (a resolved conflict, or an edit slipped into the merge) is the merger's work.
 */
final class MergeContribution {

    private static final int MAX_BYTES = 16 * 1024 * 1024;

    private final ObjectReader reader;

    MergeContribution(ObjectReader reader) {
        this.reader = reader;
    }

    /**
     * @param merge a two-parent merge commit
     * @param result the file in the merge
     * @param firstPath the file's path in the first parent, used for the merge base too
     * @param parentFiles the file in each parent ({@code null} where absent)
     */
    boolean wroteItsOwn(RevCommit merge, ObjectId result, TreeLookup firstPath, List<ObjectId> parentFiles)
            throws IOException {
        if (merge.getParentCount() != 2 || result == null || parentFiles.contains(null)) {
            return true;
        }
        RevCommit base = mergeBase(merge.getParent(0), merge.getParent(1));
        if (base == null) {
            return true;
        }
        ObjectId baseFile = firstPath.fileIn(base.getTree());
        try {
            MergeResult<RawText> combined = new MergeAlgorithm()
                    .merge(
                            RawTextComparator.DEFAULT,
                            text(baseFile),
                            text(parentFiles.get(0)),
                            text(parentFiles.get(1)));
            if (combined.containsConflicts()) {
                return true;
            }
            ByteArrayOutputStream clean = new ByteArrayOutputStream();
            new MergeFormatter()
                    .formatMerge(clean, combined, List.of("base", "ours", "theirs"), StandardCharsets.UTF_8);
            return !sameIgnoringFinalNewline(clean.toByteArray(), bytes(result));
        } catch (LargeObjectException e) {
            return true;
        }
    }

    private RevCommit mergeBase(RevCommit first, RevCommit second) throws IOException {
        try (RevWalk walk = new RevWalk(reader)) {
            walk.setRevFilter(RevFilter.MERGE_BASE);
            walk.markStart(walk.parseCommit(first));
            walk.markStart(walk.parseCommit(second));
            return walk.next();
        }
    }

    private RawText text(ObjectId blob) throws IOException {
        return blob == null ? new RawText(new byte[0]) : new RawText(bytes(blob));
    }

    private byte[] bytes(ObjectId blob) throws IOException {
        return reader.open(blob, Constants.OBJ_BLOB).getCachedBytes(MAX_BYTES);
    }

    private static boolean sameIgnoringFinalNewline(byte[] a, byte[] b) {
        return Arrays.equals(trimmed(a), trimmed(b));
    }

    private static byte[] trimmed(byte[] bytes) {
        int end = bytes.length;
        while (end > 0 && (bytes[end - 1] == '\n' || bytes[end - 1] == '\r')) {
            end--;
        }
        return Arrays.copyOf(bytes, end);
    }
}
