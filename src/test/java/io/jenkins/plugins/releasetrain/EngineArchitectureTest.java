package io.jenkins.plugins.releasetrain;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The engine must build and run without Jenkins; only the jenkins package may touch Jenkins types. */
class EngineArchitectureTest {

    private final JavaClasses engine = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.jenkins.plugins.releasetrain");

    @Test
    void engineClassesDoNotDependOnJenkins() {
        noClasses()
                .that()
                .resideOutsideOfPackage("io.jenkins.plugins.releasetrain.jenkins..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("hudson..", "jenkins..", "org.jenkinsci..", "org.kohsuke.stapler..")
                .because("the engine is built and tested from Maven Central alone")
                .check(engine);
    }

    @Test
    void engineHasClassesToCheck() {
        org.assertj.core.api.Assertions.assertThat(engine.size()).isGreaterThan(10);
    }
}
