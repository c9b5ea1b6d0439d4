package io.jenkins.plugins.releasetrain.jenkins;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.Util;
import hudson.model.Descriptor.FormException;
import hudson.model.ItemGroup;
import hudson.model.ModifiableItemGroup;
import hudson.model.TopLevelItem;
import hudson.model.View;
import hudson.model.ViewDescriptor;
import hudson.util.FormValidation;
import io.jenkins.plugins.releasetrain.board.Board;
import io.jenkins.plugins.releasetrain.board.EnvironmentNames;
import jakarta.servlet.ServletException;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import net.sf.json.JSONObject;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.StaplerResponse2;
import org.kohsuke.stapler.WebMethod;
import org.kohsuke.stapler.interceptor.RequirePOST;
import org.kohsuke.stapler.verb.GET;

/**
 * A view that shows the release board: environments in promotion order against products and artifacts.
 * The board is about environments, not jobs, so the view lists no jobs ({@link #getItems()} is empty and
 * {@link #contains} is false); it links to the release builds itself, and shows each user only the runs of
 * the jobs they may read.
 */
public class ReleaseBoardView extends View {

    /** The most runs of history per environment a view may keep: the page draws them all in its panel. */
    public static final int MAX_HISTORY_LIMIT = 500;

    private String environments;
    private int historyLimit = Board.DEFAULT_HISTORY_LIMIT;

    @DataBoundConstructor
    public ReleaseBoardView(String name) {
        super(name);
    }

    /** The environments shown, in promotion order, as typed in the form; empty shows the configured ones. */
    public String getEnvironments() {
        return Util.fixNull(environments);
    }

    @DataBoundSetter
    public void setEnvironments(String environments) {
        List<String> names = EnvironmentNames.parse(environments);
        this.environments = names.isEmpty() ? null : EnvironmentNames.format(names);
    }

    public int getHistoryLimit() {
        // a view whose XML was written without the setting (by hand, or through config.xml) reads it as 0
        return historyLimit < 1 ? Board.DEFAULT_HISTORY_LIMIT : historyLimit;
    }

    @DataBoundSetter
    public void setHistoryLimit(int historyLimit) {
        if (historyLimit < 1 || historyLimit > MAX_HISTORY_LIMIT) {
            throw new IllegalArgumentException(Messages.ReleaseBoardView_HistoryLimit(MAX_HISTORY_LIMIT));
        }
        this.historyLimit = historyLimit;
    }

    List<String> environmentNames() {
        return EnvironmentNames.parse(environments);
    }

    @NonNull
    @Override
    public Collection<TopLevelItem> getItems() {
        return List.of();
    }

    @Override
    public boolean contains(TopLevelItem item) {
        return false;
    }

    @RequirePOST
    @Override
    public TopLevelItem doCreateItem(StaplerRequest2 req, StaplerResponse2 rsp) throws IOException, ServletException {
        ItemGroup<? extends TopLevelItem> group = getOwner().getItemGroup();
        if (group instanceof ModifiableItemGroup) {
            return ((ModifiableItemGroup<? extends TopLevelItem>) group).doCreateItem(req, rsp);
        }
        return null;
    }

    @Override
    protected void submit(StaplerRequest2 req) throws IOException, ServletException, FormException {
        JSONObject form = req.getSubmittedForm();
        try {
            setEnvironments(form.optString("environments"));
        } catch (IllegalArgumentException e) {
            throw new FormException(e.getMessage(), "environments");
        }
        try {
            setHistoryLimit(form.optInt("historyLimit", Board.DEFAULT_HISTORY_LIMIT));
        } catch (IllegalArgumentException e) {
            throw new FormException(e.getMessage(), "historyLimit");
        }
    }

    /** The board fragment that {@code main.jelly} includes. */
    public ReleaseBoardPage getBoardPage() {
        return ReleaseBoardPage.fragment();
    }

    /** The board of this view's environments, as the current user may see it. */
    @GET
    @WebMethod(name = "board.json")
    public void doBoardJson(StaplerRequest2 req, StaplerResponse2 rsp) throws IOException {
        checkPermission(READ);
        ReleaseBoardPage.writeBoard(req, rsp, environmentNames(), getHistoryLimit());
    }

    /** The board's front end: its modules and stylesheet. */
    @GET
    public void doAssets(StaplerRequest2 req, StaplerResponse2 rsp) throws IOException {
        checkPermission(READ);
        ReleaseBoardPage.writeAsset(req, rsp);
    }

    /** Its form checks are about syntax only, as ListView's are: they read and change nothing. */
    @Extension
    @Symbol("releaseBoard")
    public static final class DescriptorImpl extends ViewDescriptor {

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.ReleaseBoardView_DisplayName();
        }

        public FormValidation doCheckEnvironments(@QueryParameter String value) {
            try {
                EnvironmentNames.parse(value);
            } catch (IllegalArgumentException e) {
                return FormValidation.error(e.getMessage());
            }
            return FormValidation.ok();
        }

        public FormValidation doCheckHistoryLimit(@QueryParameter String value) {
            try {
                int limit = Integer.parseInt(Util.fixNull(value).trim());
                if (limit >= 1 && limit <= MAX_HISTORY_LIMIT) {
                    return FormValidation.ok();
                }
            } catch (NumberFormatException e) {
                // not a number: the same answer as a number out of range
            }
            return FormValidation.error(Messages.ReleaseBoardView_HistoryLimit(MAX_HISTORY_LIMIT));
        }
    }
}
