package io.jenkins.plugins.releasetrain.gitops;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;

/**
 * Finds the file at one path in many trees. Most commits of a long history leave the manifest's directory
 * alone, so its tree id repeats from commit to commit: each (tree, depth) is looked up once and remembered,
 * which keeps a 10,000-commit walk to a few thousand tree reads.
 */
final class TreeLookup {

    private static final ObjectId ABSENT = ObjectId.zeroId();

    private record Key(ObjectId tree, int depth) {}

    private final ObjectReader reader;
    private final byte[][] segments;
    private final Map<Key, ObjectId> found = new HashMap<>();
    private final CanonicalTreeParser parser = new CanonicalTreeParser();

    TreeLookup(ObjectReader reader, String path) {
        this.reader = reader;
        String[] names = path.split("/");
        this.segments = new byte[names.length][];
        for (int i = 0; i < names.length; i++) {
            segments[i] = names[i].getBytes(StandardCharsets.UTF_8);
        }
    }

    /** The id of the file at the path in {@code tree}, or {@code null} when there is none (or a directory). */
    ObjectId fileIn(AnyObjectId tree) throws IOException {
        ObjectId id = lookup(tree.toObjectId(), 0);
        return ABSENT.equals(id) ? null : id;
    }

    /**
     * Moves to the entry named {@code name}. A linear scan: {@code findFile} would stop early at a
     * directory, which git sorts as if its name ended in '/'.
     */
    private boolean find(byte[] name) throws IOException {
        for (; !parser.eof(); parser.next(1)) {
            if (parser.getNameLength() == name.length
                    && Arrays.equals(
                            parser.getEntryPathBuffer(),
                            parser.getNameOffset(),
                            parser.getNameOffset() + name.length,
                            name,
                            0,
                            name.length)) {
                return true;
            }
        }
        return false;
    }

    private ObjectId lookup(ObjectId tree, int depth) throws IOException {
        Key key = new Key(tree, depth);
        ObjectId known = found.get(key);
        if (known != null) {
            return known;
        }
        ObjectId result = ABSENT;
        parser.reset(reader, tree);
        if (find(segments[depth])) {
            FileMode mode = parser.getEntryFileMode();
            ObjectId entry = parser.getEntryObjectId();
            if (depth == segments.length - 1) {
                result = mode == FileMode.TREE || mode == FileMode.GITLINK ? ABSENT : entry;
            } else if (mode == FileMode.TREE) {
                result = lookup(entry, depth + 1);
            }
        }
        found.put(key, result);
        return result;
    }
}
