package io.jenkins.plugins.releasetrain.jenkins;

import hudson.Extension;
import io.jenkins.plugins.releasetrain.board.BoardAssets;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import jenkins.util.HttpServletFilter;

/**
 * Answers 404 to a request for a board's assets with an encoded {@code ../} in it. Depending on the servlet
 * container's settings such a path either is refused by the container (400) or reaches Stapler, which throws
 * on {@code ..} and shows an error page (500); neither tells the truth, which is that there is nothing there.
 */
@Extension
public class BoardAssetsGuard implements HttpServletFilter {

    @Override
    public boolean handle(HttpServletRequest req, HttpServletResponse rsp) throws IOException {
        // The path as sent: containers differ in what they decode or normalise in getPathInfo().
        String uri = req.getRequestURI();
        String context = req.getContextPath();
        String path = uri != null && context != null && uri.startsWith(context) ? uri.substring(context.length()) : uri;
        if (BoardAssets.escapesAssets(path)) {
            rsp.sendError(HttpServletResponse.SC_NOT_FOUND);
            return true;
        }
        return false;
    }
}
