package io.jenkins.plugins.releasetrain.board;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Guards the front end keeps under Jenkins' Content-Security-Policy and against HTML injection. */
class BoardAssetsTest {

    private static final Pattern IMPORT = Pattern.compile("from '\\./([^']+)'");

    @Test
    void listsEveryFileOfTheFrontEndAndNothingElse() throws Exception {
        Set<String> shipped;
        try (Stream<Path> files = Files.list(assetDirectory())) {
            shipped = files.map(p -> p.getFileName().toString())
                    .filter(name -> name.endsWith(".js") || name.endsWith(".css") || name.endsWith(".html"))
                    .collect(Collectors.toSet());
        }

        assertThat(BoardAssets.names()).containsExactlyInAnyOrderElementsOf(shipped);
    }

    @Test
    void everyModuleImportIsAListedAsset() {
        for (String name : scripts()) {
            Matcher imports = IMPORT.matcher(text(name));
            while (imports.find()) {
                assertThat(BoardAssets.names()).as("imported by %s", name).contains(imports.group(1));
            }
        }
    }

    @Test
    void thePageHasNoInlineScriptStyleOrHandler() {
        String page = text(BoardAssets.INDEX);

        assertThat(page).containsPattern("<script type=\"module\" src=\"board.js\"></script>");
        assertThat(page).doesNotContainPattern("<script(?![^>]*\\bsrc=)[^>]*>");
        assertThat(page).doesNotContainPattern("\\son[a-z]+\\s*=");
        assertThat(page).doesNotContainPattern("\\sstyle\\s*=");
        assertThat(page).doesNotContainPattern("<style");
    }

    @Test
    void scriptsNeverParseDataAsHtmlOrCode() {
        for (String name : scripts()) {
            assertThat(text(name))
                    .as(name)
                    .doesNotContain(
                            "innerHTML",
                            "outerHTML",
                            "insertAdjacentHTML",
                            "document.write",
                            "eval(",
                            "new Function",
                            "setAttribute('on",
                            "setAttribute('style");
        }
    }

    @Test
    void assetsReachNoOtherOrigin() {
        for (String name : BoardAssets.names()) {
            assertThat(text(name)).as(name).doesNotContainPattern("(https?:)?//[a-z0-9.-]+\\.[a-z]{2,}/");
        }
    }

    private static List<String> scripts() {
        return BoardAssets.names().stream().filter(n -> n.endsWith(".js")).toList();
    }

    private static String text(String name) {
        return new String(BoardAssets.read(name), StandardCharsets.UTF_8);
    }

    private static Path assetDirectory() throws URISyntaxException, IOException {
        return Path.of(BoardAssets.class.getResource(BoardAssets.INDEX).toURI()).getParent();
    }
}
