package io.jenkins.plugins.releasetrain.gitops;

/**
 * The promotion cannot be written by editing the target manifest in place: an artifact or product to add
 * or remove sits in a layout that cannot be edited without rewriting the file, a selection names nothing
 * known, or the edited file would not come out as the promotion requires.
 */
public final class PromotionNotPossibleException extends GitOpsException {

    private static final long serialVersionUID = 1L;

    public PromotionNotPossibleException(String message, String hint) {
        super(message, hint);
    }
}
