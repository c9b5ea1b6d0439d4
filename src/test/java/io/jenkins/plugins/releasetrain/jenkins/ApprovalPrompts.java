package io.jenkins.plugins.releasetrain.jenkins;

import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jenkinsci.plugins.workflow.support.steps.input.InputStepExecution;
import org.jvnet.hudson.test.JenkinsRule;

/** Answers the approval prompts of {@code promoteRelease} the way people do: on the input page, logged in. */
final class ApprovalPrompts {

    private ApprovalPrompts() {}

    /** The id of the {@code round}th prompt of a release: {@code Release-<short release id>-<round>}. */
    static String id(String releaseShortId, int round) {
        return "Release-" + releaseShortId + "-" + round;
    }

    /** Submits {@code prompt} as {@code user}, choosing {@code decision} with {@code comment}. */
    static void answer(
            JenkinsRule j, WorkflowRun run, InputStepExecution prompt, String user, String decision, String comment)
            throws Exception {
        JenkinsRule.WebClient web = j.createWebClient().login(user);
        HtmlPage page = web.getPage(run, "input");
        HtmlForm form = page.getFormByName(prompt.getId());
        form.getSelectByName("value").setSelectedAttribute(decision, true);
        form.getTextAreaByName("value").setText(comment);
        j.submit(form, "proceed");
    }
}
