package io.jenkins.plugins.releasetrain.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Debian programs a test class drives for real, by {@link RequiredTool} name. Without one of them the class
 * is reported skipped, saying which package to install (under CI, with {@code RELEASE_TRAIN_REQUIRE_TOOLS=1},
 * it fails instead); its {@code @BeforeAll} does not run, so it never aborts the class unseen.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(ToolsCondition.class)
public @interface RequiresTools {

    String[] value();
}
