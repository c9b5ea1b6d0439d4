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

    /**
     * The manifest model at the bottom, then images and the ledger, then plans and the board, then git, then
     * approvals; the command line and Jenkins on top. Nothing points up: the board reads no repository itself,
     * git's view of it ({@code gitops.GitDeclaredReleases}) implements the board's interface from above.
     */
    @Test
    void lowerLayersDoNotDependOnHigherOnes() {
        String root = "io.jenkins.plugins.releasetrain.";
        noClasses()
                .that()
                .resideInAnyPackage(
                        root + "manifest..", root + "image..", root + "ledger..", root + "plan..", root + "board..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        root + "gitops..",
                        root + "approval..",
                        root + "changelog..",
                        root + "record..",
                        root + "cli..",
                        root + "jenkins..")
                .check(engine);
        noClasses()
                .that()
                .resideInAnyPackage(root + "gitops..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        root + "approval..",
                        root + "changelog..",
                        root + "record..",
                        root + "cli..",
                        root + "jenkins..")
                .check(engine);
        noClasses()
                .that()
                .resideOutsideOfPackages(root + "cli..", root + "jenkins..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(root + "cli..", root + "jenkins..")
                .check(engine);
    }

    @Test
    void engineHasClassesToCheck() {
        org.assertj.core.api.Assertions.assertThat(engine.size()).isGreaterThan(10);
    }
}
