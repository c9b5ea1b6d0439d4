package io.jenkins.plugins.releasetrain.board;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The front end's files, shipped as resources next to this class. The list is fixed: the server serves
 * exactly these names (and {@code board.json}), so no request path ever reaches the file system or the
 * class path. The plugin's view serves the same list.
 */
public final class BoardAssets {

    /** The page of the standalone board; the plugin's view has its own page with the same root element. */
    public static final String INDEX = "index.html";

    /** The board document's name next to the assets. */
    public static final String BOARD_JSON = "board.json";

    private static final Map<String, String> CONTENT_TYPES = contentTypes();

    private BoardAssets() {}

    private static Map<String, String> contentTypes() {
        String js = "text/javascript; charset=utf-8";
        Map<String, String> types = new LinkedHashMap<>();
        types.put(INDEX, "text/html; charset=utf-8");
        types.put("board.css", "text/css; charset=utf-8");
        types.put("board.js", js);
        types.put("model.js", js);
        types.put("grid.js", js);
        types.put("panel.js", js);
        types.put("toolbar.js", js);
        types.put("dom.js", js);
        types.put("location-hash.js", js);
        return Collections.unmodifiableMap(types);
    }

    /** The names of every asset, {@code index.html} included. */
    public static Set<String> names() {
        return CONTENT_TYPES.keySet();
    }

    public static Optional<String> contentType(String name) {
        return Optional.ofNullable(CONTENT_TYPES.get(name));
    }

    public static String jsonContentType() {
        return "application/json";
    }

    /** The bytes of one asset; only names from {@link #names()} are accepted. */
    public static byte[] read(String name) {
        if (!CONTENT_TYPES.containsKey(name)) {
            throw new IllegalArgumentException("not a board asset: " + name);
        }
        try (InputStream in = BoardAssets.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("board asset " + name + " is missing from the build");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read board asset " + name, e);
        }
    }
}
