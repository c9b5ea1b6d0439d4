package io.jenkins.plugins.releasetrain.testing;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Skips (or, when tools are required, fails) a {@link RequiresTools} class whose programs are not installed. */
public final class ToolsCondition implements ExecutionCondition {

    /** A configuration parameter that overrides {@code RELEASE_TRAIN_REQUIRE_TOOLS}: true or false. */
    public static final String REQUIRE = "releasetrain.requireTools";

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        RequiresTools tools = context.getRequiredTestClass().getAnnotation(RequiresTools.class);
        if (tools == null) {
            return ConditionEvaluationResult.enabled("no tools needed");
        }
        List<RequiredTool> missing = Arrays.stream(tools.value())
                .map(RequiredTool::named)
                .filter(tool -> !tool.isInstalled())
                .toList();
        if (missing.isEmpty()) {
            return ConditionEvaluationResult.enabled("every tool is installed");
        }
        String message = missing.get(0).missingMessage();
        boolean required = context.getConfigurationParameter(REQUIRE)
                .map(Boolean::parseBoolean)
                .orElse("1".equals(System.getenv("RELEASE_TRAIN_REQUIRE_TOOLS")));
        if (required) {
            throw new IllegalStateException(message);
        }
        return ConditionEvaluationResult.disabled(message);
    }
}
