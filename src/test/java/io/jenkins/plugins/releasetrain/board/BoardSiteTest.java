package io.jenkins.plugins.releasetrain.board;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BoardSiteTest {

    @TempDir
    Path directory;

    @Test
    void writesEveryAssetAndTheDocument() throws Exception {
        Path site = directory.resolve("site");

        List<Path> written = BoardSite.write(site, "{\"schemaVersion\":1}");

        assertThat(written).hasSize(BoardAssets.names().size() + 1);
        for (String name : BoardAssets.names()) {
            assertThat(Files.readAllBytes(site.resolve(name))).isEqualTo(BoardAssets.read(name));
        }
        assertThat(site.resolve("board.json")).hasContent("{\"schemaVersion\":1}");
        try (var files = Files.list(site)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .as("no temporary file is left behind")
                    .allMatch(name -> !name.endsWith(".tmp"));
        }
    }

    @Test
    void replacesAnEarlierBoardWithFilesAWebServerCanRead() throws Exception {
        BoardSite.write(directory, "{\"old\":true}");

        BoardSite.write(directory, "{\"new\":true}");

        Path board = directory.resolve("board.json");
        assertThat(Files.readString(board, StandardCharsets.UTF_8)).isEqualTo("{\"new\":true}");
        assertThat(Files.getPosixFilePermissions(board)).contains(PosixFilePermission.OTHERS_READ);
    }
}
