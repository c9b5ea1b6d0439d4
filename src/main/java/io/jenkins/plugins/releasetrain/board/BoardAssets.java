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
    private static final java.util.regex.Pattern ASSETS_PATH =
            java.util.regex.Pattern.compile("^/(release-board|view/[^/]+)/assets(/.*)?$");

    /**
     * Whether a request path, as sent (percent-encoded, without the web application's context path), asks for
     * something under a board's assets with a {@code .} or {@code ..} segment once decoded: such a request can
     * only be an attempt to leave the assets, and is answered "not found" before the web framework refuses it
     * with an error page.
     */
    public static boolean escapesAssets(String rawPath) {
        if (rawPath == null) {
            return false;
        }
        String[] segments = rawPath.split("/", -1);
        StringBuilder decoded = new StringBuilder();
        boolean dotSegment = false;
        for (int i = 1; i < segments.length; i++) {
            String segment = percentDecoded(segments[i]);
            decoded.append('/').append(segment);
            dotSegment |= segment.equals("..") || segment.equals(".");
        }
        java.util.regex.Matcher matcher = ASSETS_PATH.matcher(decoded);
        return dotSegment && matcher.matches() && matcher.group(2) != null;
    }

    private static String percentDecoded(String segment) {
        StringBuilder out = new StringBuilder(segment.length());
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == '%') {
                int value = hex(segment, i + 1);
                if (value >= 0) {
                    out.append((char) value);
                    i += 2;
                    continue;
                }
            }
            out.append(c);
        }
        return out.toString();
    }

    /** The byte written as two hex digits at {@code at}, or -1 when there are not two hex digits there. */
    private static int hex(String text, int at) {
        if (at + 1 >= text.length()) {
            return -1;
        }
        int high = Character.digit(text.charAt(at), 16);
        int low = Character.digit(text.charAt(at + 1), 16);
        return high < 0 || low < 0 ? -1 : high * 16 + low;
    }

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
