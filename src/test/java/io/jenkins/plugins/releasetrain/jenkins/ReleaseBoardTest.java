package io.jenkins.plugins.releasetrain.jenkins;

import static io.jenkins.plugins.releasetrain.jenkins.BoardLedger.PRODUCTION;
import static io.jenkins.plugins.releasetrain.jenkins.BoardLedger.STAGING;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import hudson.model.FreeStyleProject;
import hudson.model.Item;
import hudson.model.User;
import hudson.model.View;
import hudson.security.ACL;
import hudson.security.ACLContext;
import io.jenkins.plugins.darktheme.DarkThemeManagerFactory;
import io.jenkins.plugins.releasetrain.board.BoardAssets;
import io.jenkins.plugins.releasetrain.board.BoardJson;
import io.jenkins.plugins.thememanager.ThemeManagerPageDecorator;
import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import jenkins.model.Jenkins;
import org.htmlunit.FailingHttpStatusCodeException;
import org.htmlunit.Page;
import org.htmlunit.html.DomElement;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.html.HtmlRadioButtonInput;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The release board in Jenkins: the view and the global page, what {@code board.json} shows each user, and the
 * front end's files. The ledger is written with the engine in the configured ledger directory; alice may read
 * the staging job, bob the production job, admin everything, eve nothing at all.
 */
@WithJenkins
class ReleaseBoardTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JenkinsRule j;

    @BeforeEach
    void writeTheLedgerAndGrantEachUserTheirJob(JenkinsRule j) throws Exception {
        this.j = j;
        FreeStyleProject staging = j.createFreeStyleProject(BoardLedger.STAGING_JOB);
        FreeStyleProject production = j.createFreeStyleProject(BoardLedger.PRODUCTION_JOB);
        j.jenkins.setSecurityRealm(j.createDummySecurityRealm());
        j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.ADMINISTER)
                .everywhere()
                .to("admin")
                .grant(Jenkins.READ, View.READ)
                .everywhere()
                .to("alice", "bob")
                .grant(Item.READ)
                .onItems(staging)
                .to("alice")
                .grant(Item.READ)
                .onItems(production)
                .to("bob"));
        ReleaseEnvironment productionEnvironment = new ReleaseEnvironment(PRODUCTION);
        productionEnvironment.setUpstream(STAGING);
        ReleaseTrainConfiguration.get()
                .setEnvironments(List.of(new ReleaseEnvironment(STAGING), productionEnvironment));
        BoardLedger.write(ReleaseTrainConfiguration.get().getLedgerRoot().toPath());
    }

    @Test
    void theGlobalPageMountsTheBoardForAUserWhoMayRead() throws Exception {
        HtmlPage page = browser("alice").goTo("release-board/");

        DomElement board = boardRoot(page);
        String base = j.contextPath + "/release-board/";
        assertThat(board.getAttribute("data-board-json"), is(base + "board.json"));
        assertThat(board.getAttribute("data-assets-url"), is(base + "assets/"));
        assertThat(board.hasAttribute("data-theme"), is(false));
        DomElement script = page.querySelector("script[type=module]");
        assertThat(script.getAttribute("src"), is(base + "assets/board.js"));
        DomElement stylesheet = page.querySelector("link[data-release-board-css]");
        assertThat(stylesheet.getAttribute("href"), is(base + "assets/board.css"));
    }

    @Test
    void theGlobalPageIsRefusedWithoutOverallRead() throws Exception {
        JenkinsRule.WebClient eve = browser("eve");

        eve.assertFails("release-board/", HttpURLConnection.HTTP_FORBIDDEN);
        eve.assertFails("release-board/board.json", HttpURLConnection.HTTP_FORBIDDEN);
        browser(null).assertFails("release-board/board.json", HttpURLConnection.HTTP_FORBIDDEN);
        ReleaseBoardAction action = new ReleaseBoardAction();
        try (ACLContext ignored = ACL.as2(User.getById("eve", true).impersonate2())) {
            assertThat(action.getIconFileName(), is(nullValue()));
        }
        try (ACLContext ignored = ACL.as2(User.getById("alice", true).impersonate2())) {
            assertThat(action.getIconFileName(), is(ReleaseBoardAction.ICON));
        }
    }

    @Test
    void boardJsonIsTheBareDocumentNeverCached() throws Exception {
        Page page = browser("alice").goTo("release-board/board.json", "application/json");

        assertThat(page.getWebResponse().getContentCharset(), is(StandardCharsets.UTF_8));
        assertThat(page.getWebResponse().getResponseHeaderValue("Cache-Control"), is("no-store"));
        assertThat(page.getWebResponse().getResponseHeaderValue("X-Content-Type-Options"), is("nosniff"));
        JsonNode board = JSON.readTree(page.getWebResponse().getContentAsString());
        assertThat(board.get("schemaVersion").asInt(), is(BoardJson.SCHEMA_VERSION));
        assertThat(names(board.get("environments"), "name"), contains(STAGING, PRODUCTION));
    }

    @Test
    void eachUserSeesOnlyTheRunsOfTheJobsTheyMayRead() throws Exception {
        JsonNode alice = board("alice", "release-board/board.json");
        assertThat(runIds(alice, 0), contains("s4"));
        assertThat(
                alice.get("environments")
                        .get(0)
                        .get("history")
                        .get("runs")
                        .get(0)
                        .get("url")
                        .asText(),
                is(j.contextPath + "/job/" + BoardLedger.STAGING_JOB + "/4/"));
        assertThat(runIds(alice, 1), is(empty()));
        assertThat(alice.get("environments").get(1).get("pendingApprovals").size(), is(0));
        assertThat("alice sees no cell in production", cells(alice, 1), everyItem(is(true)));
        assertThat(cells(alice, 0), everyItem(is(false)));

        JsonNode bob = board("bob", "release-board/board.json");
        assertThat(runIds(bob, 0), is(empty()));
        assertThat(runIds(bob, 1), contains("p7", "p6"));
        JsonNode approval =
                bob.get("environments").get(1).get("pendingApprovals").get(0);
        assertThat(
                approval.get("url").asText(), is(j.contextPath + "/job/" + BoardLedger.PRODUCTION_JOB + "/7/input/"));
        assertThat(names(approval, "approvedBy"), contains("dave"));

        JsonNode admin = board("admin", "release-board/board.json");
        assertThat("only administrators see the run from the command line", runIds(admin, 0), contains("c1", "s4"));
        assertThat(runIds(admin, 1), contains("p7", "p6"));
    }

    @Test
    void aViewShowsItsOwnEnvironmentsWithTheSameFiltering() throws Exception {
        ReleaseBoardView view = new ReleaseBoardView("Production");
        view.setEnvironments(PRODUCTION);
        view.setHistoryLimit(1);
        j.jenkins.addView(view);

        HtmlPage page = browser("bob").goTo("view/Production/");
        DomElement root = boardRoot(page);
        assertThat(root.getAttribute("data-board-json"), is(j.contextPath + "/view/Production/board.json"));
        assertThat(root.getAttribute("data-assets-url"), is(j.contextPath + "/view/Production/assets/"));

        JsonNode bob = board("bob", "view/Production/board.json");
        assertThat(names(bob.get("environments"), "name"), contains(PRODUCTION));
        assertThat(runIds(bob, 0), contains("p7"));
        assertThat(bob.get("environments").get(0).get("history").get("total").asInt(), is(2));
        JsonNode alice = board("alice", "view/Production/board.json");
        assertThat(runIds(alice, 0), is(empty()));
        assertThat(view.getItems(), is(empty()));
    }

    @Test
    void aViewNeedsViewReadForItsBoard() throws Exception {
        j.jenkins.setAuthorizationStrategy(
                new MockAuthorizationStrategy().grant(Jenkins.READ).everywhere().to("carol"));
        j.jenkins.addView(new ReleaseBoardView("Releases"));

        JenkinsRule.WebClient carol = browser("carol");
        carol.assertFails("view/Releases/board.json", HttpURLConnection.HTTP_FORBIDDEN);
        carol.assertFails("view/Releases/assets/board.js", HttpURLConnection.HTTP_FORBIDDEN);
        HtmlPage page = carol.withThrowExceptionOnFailingStatusCode(false).goTo("view/Releases/");
        if (page.getWebResponse().getStatusCode() == HttpURLConnection.HTTP_OK) {
            assertThat(
                    "core shows the view's frame; the board is not in it",
                    page.querySelector("[data-release-board]"),
                    is(nullValue()));
        } else {
            assertThat(page.getWebResponse().getStatusCode(), is(HttpURLConnection.HTTP_FORBIDDEN));
        }
    }

    @Test
    void servesTheFrontEndFilesWithTheirTypesAndNothingElse() throws Exception {
        JenkinsRule.WebClient alice = browser("alice");

        Page module = alice.goTo("release-board/assets/board.js", "text/javascript");
        assertThat(module.getWebResponse().getResponseHeaderValue("X-Content-Type-Options"), is("nosniff"));
        assertThat(
                module.getWebResponse().getContentAsString(),
                is(new String(BoardAssets.read("board.js"), StandardCharsets.UTF_8)));
        alice.goTo("release-board/assets/grid.js", "text/javascript");
        alice.goTo("release-board/assets/board.css", "text/css");

        alice.assertFails("release-board/assets/board.schema.json", HttpURLConnection.HTTP_NOT_FOUND);
        alice.assertFails("release-board/assets/index.html", HttpURLConnection.HTTP_NOT_FOUND);
        alice.assertFails("release-board/assets/", HttpURLConnection.HTTP_NOT_FOUND);
        alice.assertFails("release-board/assets/nested/board.js", HttpURLConnection.HTTP_NOT_FOUND);
        // Stapler throws on ".." (an error page, 500) when the container lets the encoded path through; the board's
        // guard answers first. A container that refuses such paths itself answers 400.
        FailingHttpStatusCodeException outside = assertThrows(
                FailingHttpStatusCodeException.class,
                () -> alice.goTo("release-board/assets/%2e%2e/%2e%2e/config.xml", null));
        assertThat(
                outside.getStatusCode(),
                anyOf(is(HttpURLConnection.HTTP_NOT_FOUND), is(HttpURLConnection.HTTP_BAD_REQUEST)));
        assertThat(ReleaseBoardPage.assetName("/../index.html"), is(Optional.empty()));
        assertThat(ReleaseBoardPage.assetName("/..%2Fboard.js"), is(Optional.empty()));
        assertThat(ReleaseBoardPage.assetName("/model.js"), is(Optional.of("model.js")));
    }

    @Test
    void theViewIsCreatedFromTheNewViewPageAndKeepsItsSettings() throws Exception {
        JenkinsRule.WebClient admin = formBrowser("admin");
        HtmlForm create = admin.goTo("newView").getFormByName("createItem");
        create.getInputByName("name").setValue("Releases");
        HtmlRadioButtonInput releaseBoard = create.getRadioButtonsByName("mode").stream()
                .filter(radio -> radio.getAttribute("value").equals(ReleaseBoardView.class.getName()))
                .findFirst()
                .orElseThrow();
        releaseBoard.setChecked(true);
        j.submit(create);
        View created = j.jenkins.getView("Releases");
        assertThat(created, instanceOf(ReleaseBoardView.class));
        ReleaseBoardView view = (ReleaseBoardView) created;
        view.setEnvironments("staging-us-east-2,production-us-east-2");
        view.setHistoryLimit(20);

        j.submit(admin.getPage(view, "configure").getFormByName("viewConfig"));

        ReleaseBoardView saved = (ReleaseBoardView) j.jenkins.getView("Releases");
        assertThat(saved.getEnvironments(), is("staging-us-east-2, production-us-east-2"));
        assertThat(saved.getHistoryLimit(), is(20));
    }

    @Test
    void theConfigurationFormRefusesAnInvalidEnvironment() throws Exception {
        ReleaseBoardView view = new ReleaseBoardView("Releases");
        j.jenkins.addView(view);
        JenkinsRule.WebClient admin = formBrowser("admin").withThrowExceptionOnFailingStatusCode(false);
        HtmlForm form = admin.getPage(view, "configure").getFormByName("viewConfig");
        form.getInputByName("_.environments").setValue("Production_US");

        Page answer = j.submit(form);

        assertThat(answer.getWebResponse().getStatusCode(), is(HttpURLConnection.HTTP_BAD_REQUEST));
        assertThat(answer.getWebResponse().getContentAsString(), containsString("Production_US is not a valid name"));
        assertThat(view.getEnvironments(), is(""));
        assertThrows(IllegalArgumentException.class, () -> view.setHistoryLimit(0));
    }

    @Test
    void theBoardStartsInTheDarkThemeWhenTheUserHasIt() throws Exception {
        ThemeManagerPageDecorator.get().setTheme(new DarkThemeManagerFactory());

        DomElement board = boardRoot(browser("alice").goTo("release-board/"));

        assertThat(board.getAttribute("data-theme"), is("dark"));
        assertThat(board.getAttribute("class"), endsWith("rt-board--embedded"));
    }

    /**
     * A client that reads pages as served. HtmlUnit cannot run the board's ES modules, so these tests check
     * the page and documents the browser gets; the engine's browser tests run the front end in Chromium.
     */
    private JenkinsRule.WebClient browser(String user) throws Exception {
        return loggedIn(j.createWebClient().withJavaScriptEnabled(false), user);
    }

    /** A client for Jenkins' forms, whose JavaScript builds what they submit. */
    private JenkinsRule.WebClient formBrowser(String user) throws Exception {
        return loggedIn(j.createWebClient(), user);
    }

    /** Logs in; a user without Overall/Read lands on a refused home page, which is not a failure here. */
    private static JenkinsRule.WebClient loggedIn(JenkinsRule.WebClient client, String user) throws Exception {
        if (user == null) {
            return client;
        }
        client.withThrowExceptionOnFailingStatusCode(false).login(user);
        return client.withThrowExceptionOnFailingStatusCode(true);
    }

    private JsonNode board(String user, String path) throws Exception {
        return JSON.readTree(
                browser(user).goTo(path, "application/json").getWebResponse().getContentAsString());
    }

    private static DomElement boardRoot(HtmlPage page) {
        DomElement root = page.querySelector("[data-release-board]");
        assertThat("the page has the board's root element", root, is(not(nullValue())));
        return root;
    }

    private static List<String> runIds(JsonNode board, int environment) {
        return names(board.get("environments").get(environment).get("history").get("runs"), "runId");
    }

    /** For every row, whether its cell in {@code environment} is empty. */
    private static List<Boolean> cells(JsonNode board, int environment) {
        List<Boolean> empty = new ArrayList<>();
        board.get("products")
                .forEach(product -> product.get("artifacts")
                        .forEach(row ->
                                empty.add(row.get("cells").get(environment).isNull())));
        return empty;
    }

    private static List<String> names(JsonNode node, String field) {
        List<String> values = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(element -> values.add(
                    element.isTextual() ? element.asText() : element.get(field).asText()));
        } else {
            node.get(field).forEach(element -> values.add(element.asText()));
        }
        return values;
    }
}
