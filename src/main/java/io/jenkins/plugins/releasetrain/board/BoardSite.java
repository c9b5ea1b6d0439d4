package io.jenkins.plugins.releasetrain.board;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/** The board as a static site: the assets and {@code board.json} in one directory, to open or to publish. */
public final class BoardSite {

    private BoardSite() {}

    /** Writes the site into {@code directory} (created if needed) and returns the files written. */
    public static List<Path> write(Path directory, String boardJson) throws IOException {
        Files.createDirectories(directory);
        List<Path> written = new ArrayList<>();
        for (String name : BoardAssets.names()) {
            written.add(writeAtomically(directory, name, BoardAssets.read(name)));
        }
        written.add(writeAtomically(directory, BoardAssets.BOARD_JSON, boardJson.getBytes(StandardCharsets.UTF_8)));
        return written;
    }

    // A web server may be serving the directory: readers see the old file or the new one, never half.
    private static Path writeAtomically(Path directory, String name, byte[] content) throws IOException {
        Path target = directory.resolve(name);
        Path temporary = Files.createTempFile(directory, "." + name, ".tmp");
        try {
            Files.write(temporary, content);
            if (Files.getFileAttributeView(temporary, PosixFileAttributeView.class) != null) {
                // temporary files are private; a published site must be readable by the web server
                Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-r--r--"));
            }
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
        return target;
    }
}
