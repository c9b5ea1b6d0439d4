package io.jenkins.plugins.releasetrain.jenkins;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;
import org.htmlunit.html.DomElement;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.RealJenkinsExtension;

/**
 * The board pages in a Jenkins started as in production, each plugin in its own class loader, and without the
 * optional Theme Manager. Under JenkinsRule every class sits on the test class path, which hid two failures
 * of the real thing: a view that named a plugin class by string (the web application's class loader cannot
 * see it), and a theme extension that called Theme Manager when it was not installed.
 */
class ReleaseBoardRealJenkinsTest {

    @RegisterExtension
    private final RealJenkinsExtension jenkins = new RealJenkinsExtension().omitPlugins("dark-theme", "theme-manager");

    @Test
    void theGlobalBoardAndTheBoardViewRenderWithoutThemeManager() throws Throwable {
        jenkins.then(ReleaseBoardRealJenkinsTest::boardPagesRender);
    }

    private static void boardPagesRender(JenkinsRule r) throws Throwable {
        assertThat(r.jenkins.getPluginManager().getPlugin("theme-manager"), nullValue());
        r.jenkins.addView(new ReleaseBoardView("board"));
        JenkinsRule.WebClient web = r.createWebClient();
        for (String url : List.of("release-board/", "view/board/")) {
            HtmlPage page = web.goTo(url);
            DomElement board = page.querySelector("[data-release-board]");
            assertThat(url, board, notNullValue());
            assertThat(url, board.hasAttribute("data-theme"), is(false));
        }
        web.goTo("release-board/board.json", "application/json");
    }
}
