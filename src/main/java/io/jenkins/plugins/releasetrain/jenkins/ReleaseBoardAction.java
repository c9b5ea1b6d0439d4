package io.jenkins.plugins.releasetrain.jenkins;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Extension;
import hudson.model.RootAction;
import io.jenkins.plugins.releasetrain.board.Board;
import java.io.IOException;
import java.util.List;
import jenkins.model.Jenkins;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.StaplerResponse2;
import org.kohsuke.stapler.WebMethod;
import org.kohsuke.stapler.verb.GET;

/** The release board of every configured environment, at {@code /release-board/}. */
@Extension
public class ReleaseBoardAction implements RootAction {

    public static final String URL_NAME = "release-board";
    static final String ICON = "symbol-analytics";

    @CheckForNull
    @Override
    public String getIconFileName() {
        return Jenkins.get().hasPermission(Jenkins.READ) ? ICON : null;
    }

    @Override
    public String getDisplayName() {
        return Messages.ReleaseBoardAction_DisplayName();
    }

    @Override
    public String getUrlName() {
        return URL_NAME;
    }

    /** The board fragment that {@code index.jelly} includes. */
    public ReleaseBoardPage getBoardPage() {
        return ReleaseBoardPage.fragment();
    }

    /** The board of every configured environment, as the current user may see it. */
    @GET
    @WebMethod(name = "board.json")
    public void doBoardJson(StaplerRequest2 req, StaplerResponse2 rsp) throws IOException {
        Jenkins.get().checkPermission(Jenkins.READ);
        ReleaseBoardPage.writeBoard(req, rsp, List.of(), Board.DEFAULT_HISTORY_LIMIT);
    }

    /** The board's front end: its modules and stylesheet. */
    @GET
    public void doAssets(StaplerRequest2 req, StaplerResponse2 rsp) throws IOException {
        Jenkins.get().checkPermission(Jenkins.READ);
        ReleaseBoardPage.writeAsset(req, rsp);
    }
}
