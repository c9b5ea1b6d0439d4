package io.jenkins.plugins.releasetrain.manifest;

import static io.jenkins.plugins.releasetrain.manifest.ManifestAssertions.FILE;
import static io.jenkins.plugins.releasetrain.manifest.ManifestAssertions.errorsOf;
import static io.jenkins.plugins.releasetrain.manifest.ManifestAssertions.onlyError;
import static io.jenkins.plugins.releasetrain.manifest.ManifestAssertions.warningsOf;
import static io.jenkins.plugins.releasetrain.testing.Fixtures.exampleText;
import static io.jenkins.plugins.releasetrain.testing.Fixtures.replaceOnce;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each validation rule of the manifest reference, on the shipped staging example changed in one place. */
class ManifestValidationTest {

    private static final String STAGING = exampleText("staging-us-east-2.yaml");
    private static final String FIRST_COMMIT = "gitCommit: 0017ee3735f0c652c604f905523e8c3da0bfeba4";

    private static String staging(String from, String to) {
        return replaceOnce(STAGING, from, to);
    }

    @Test
    void acceptsTheShippedExamplesWithoutWarnings() {
        assertThat(warningsOf(STAGING)).isEmpty();
        assertThat(warningsOf(exampleText("production-us-east-2.yaml"))).isEmpty();
    }

    @Test
    void reportsMissingRequiredFieldAtItsMapping() {
        Diagnostic error = onlyError(staging("  shortName: stage-us\n", ""));
        assertThat(error.position()).isEqualTo(new SourcePosition(FILE, 3, 3));
        assertThat(error.message()).isEqualTo("the environment has no 'shortName'");
        assertThat(error.hint()).contains("add 'shortName:'");
    }

    @Test
    void reportsEmptyRequiredValue() {
        Diagnostic error = onlyError(staging(
                "workflowBase: lambda-job\n        deployTarget: lambda\n      - gitRepoName: license",
                "workflowBase:\n        deployTarget: lambda\n      - gitRepoName: license"));
        assertThat(error.format()).startsWith(FILE + ":14:").contains("'workflowBase' is empty");
    }

    @Test
    void refusesUnknownKeyWithDidYouMean() {
        Diagnostic error =
                onlyError(staging("    releaseCandidate: 2", "    releaseCandidate: 2\n    relaseVersion: 1.9.1"));
        assertThat(error.position()).isEqualTo(new SourcePosition(FILE, 10, 5));
        assertThat(error.message()).isEqualTo("unknown key 'relaseVersion' in product 'product1'");
        assertThat(error.hint()).isEqualTo("did you mean 'releaseVersion'?");
    }

    @Test
    void aMisspelledRequiredKeyIsExplainedAtTheMisspellingAfterItsDidYouMean() {
        List<Diagnostic> errors = errorsOf(staging("  shortName: stage-us", "  shortNam: stage-us"));

        assertThat(errors)
                .extracting(Diagnostic::format)
                .containsExactly(
                        FILE
                                + ":4:3: error: unknown key 'shortNam' in the environment\n  hint: did you mean 'shortName'?",
                        FILE + ":4:3: error: the environment has no 'shortName' ('shortNam' here is not it)\n"
                                + "  hint: rename 'shortNam' to 'shortName'");
    }

    @Test
    void refusesAMergeKeyWithAnExplanation() {
        Diagnostic error = onlyError(staging("environment:\n", "environment:\n  <<: {a: b}\n"));
        assertThat(error.position()).isEqualTo(new SourcePosition(FILE, 3, 3));
        assertThat(error.message()).isEqualTo("unknown key '<<' in the environment");
        assertThat(error.hint())
                .isEqualTo("YAML merge keys are not supported in release manifests; write the fields out");
    }

    @Test
    void acceptsAFullCommitSha() {
        assertThat(warningsOf(staging(FIRST_COMMIT, "gitCommit: 9fceb02d0ae598e95dc970b74767f19372d61af8")))
                .isEmpty();
    }

    @Test
    void warnsOnAbbreviatedCommitSha() {
        List<Diagnostic> warnings = warningsOf(staging(FIRST_COMMIT, "gitCommit: 9fceb02d0ae5"));
        assertThat(warnings).singleElement().satisfies(w -> {
            assertThat(w.severity()).isEqualTo(Severity.WARNING);
            assertThat(w.position()).isEqualTo(new SourcePosition(FILE, 13, 20));
            assertThat(w.message()).contains("abbreviated commit SHA (12 of 40");
            assertThat(w.hint()).contains("git rev-parse 9fceb02d0ae5");
        });
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "abc123abc123abc123abc123abc123abc123abcd",
                "0000000000000000000000000000000000000000",
                "deadbeefdeadbeefdeadbeefdeadbeefdeadbeef",
                "1234567",
                "abcdefabcdefabcdefabcdefabcdefabcdefabcd",
                "aaaaaaaaaa"
            })
    void refusesPlaceholderCommits(String placeholder) {
        Diagnostic error = onlyError(staging(FIRST_COMMIT, "gitCommit: " + placeholder));
        assertThat(error.message()).contains("looks like a placeholder");
        assertThat(error.hint()).contains("40-character SHA");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "main",
                "v1.2.3",
                "0017ee3",
                "g017ee3735f0c652c604f905523e8c3da0bfeba4",
                "0017ee3735f0c652c604f905523e8c3da0bfeba4a"
            })
    void refusesWhatIsNotACommitSha(String value) {
        if (value.equals("0017ee3")) {
            assertThat(warningsOf(staging(FIRST_COMMIT, "gitCommit: " + value))).hasSize(1);
            return;
        }
        assertThat(onlyError(staging(FIRST_COMMIT, "gitCommit: " + value)).message())
                .endsWith("is not a commit SHA");
    }

    @Test
    void refusesUnknownDeployTargetWithSuggestion() {
        Diagnostic error = onlyError(staging("deployTarget: apigw", "deployTarget: apigateway"));
        assertThat(error.message()).isEqualTo("deployTarget 'apigateway' is not a known deploy target");
        assertThat(error.hint()).contains("lambda, s3, apigw, ecs, helm, k8s, generic");
    }

    @ParameterizedTest
    @ValueSource(strings = {"lambda", "s3", "apigw", "ecs", "helm", "k8s", "generic"})
    void acceptsEveryDocumentedDeployTarget(String target) {
        assertThat(warningsOf(staging("deployTarget: apigw", "deployTarget: " + target)))
                .isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"../../bin/sh", "jobs/deploy", "..hidden", "-rf", "a b", "$(reboot)"})
    void refusesUnsafeWorkflowBase(String value) {
        Diagnostic error = onlyError(staging("workflowBase: api-gw-deploy", "workflowBase: '" + value + "'"));
        assertThat(error.message()).contains("is not a valid job or handler name");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Staging",
                "staging_us",
                "-staging",
                "staging-",
                "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
            })
    void refusesNamesThatAreNotDnsLabels(String value) {
        Diagnostic error = onlyError(staging("name: staging-us-east-2", "name: " + value));
        assertThat(error.message()).endsWith("is not a valid name");
    }

    @Test
    void suggestsALowercaseName() {
        assertThat(onlyError(staging("shortName: stage-us", "shortName: Stage_US"))
                        .hint())
                .contains("for example 'stage-us'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.9", "1.9.0.1", "01.9.0", "latest", "1.9.0-", "v1.9"})
    void refusesVersionsThatAreNotSemantic(String value) {
        assertThat(onlyError(staging("releaseVersion: 1.9.0", "releaseVersion: " + value))
                        .message())
                .endsWith("is not a semantic version");
    }

    @Test
    void suggestsDroppingTheLeadingV() {
        assertThat(onlyError(staging("releaseVersion: 1.9.0", "releaseVersion: v1.9.0"))
                        .hint())
                .isEqualTo("drop the leading 'v': write 1.9.0");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.9.0-rc.1", "2.0.0+build.7", "10.20.30"})
    void acceptsSemanticVersionsWithPreReleaseAndBuild(String value) {
        assertThat(warningsOf(staging("releaseVersion: 1.9.0", "releaseVersion: " + value)))
                .isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "two", "1.5", "100001"})
    void refusesReleaseCandidateThatIsNotAPositiveNumber(String value) {
        assertThat(onlyError(staging("releaseCandidate: 2", "releaseCandidate: " + value))
                        .message())
                .endsWith("is not a release candidate number");
    }

    @Test
    void acceptsAQuotedReleaseCandidate() {
        Release release = new ManifestLoader()
                .load(FILE, staging("releaseCandidate: 2", "releaseCandidate: \"3\""))
                .release();
        assertThat(release.products().get(0).releaseCandidate()).isEqualTo(3);
    }

    @Test
    void refusesDuplicateProductNames() {
        String second = STAGING.substring(STAGING.indexOf("  - name: product1"));
        Diagnostic error = onlyError(STAGING + second);
        assertThat(error.message()).isEqualTo("a product named 'product1' is already declared at line 7");
        assertThat(error.position()).isEqualTo(new SourcePosition(FILE, STAGING.split("\n", -1).length, 11));
    }

    @Test
    void refusesDuplicateDeploymentShortNameWithinAProduct() {
        Diagnostic error = onlyError(staging("gitRepoShortName: lic-verf", "gitRepoShortName: cf-edge-s3"));
        assertThat(error.position()).isEqualTo(new SourcePosition(FILE, 17, 27));
        assertThat(error.message())
                .isEqualTo("product 'product1' already has a deployment with gitRepoShortName 'cf-edge-s3' (line 12)");
    }

    @Test
    void refusesDuplicateImageWithinAProduct() {
        Diagnostic error = onlyError(staging("repoName: product1/microservice-3", "repoName: product1/microservice-1"));
        assertThat(error.message())
                .isEqualTo("product 'product1' already lists the image 'product1/microservice-1' (line 42)");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Product1/Micro",
                "product1/",
                "/product1",
                "registry.example.com:5000/x",
                "product1/micro..x",
                "a//b"
            })
    void refusesRepositoryNamesOutsideTheOciGrammar(String value) {
        assertThat(onlyError(staging("repoName: product1/microservice-3", "repoName: '" + value + "'"))
                        .message())
                .endsWith("is not a valid image repository name");
    }

    @ParameterizedTest
    @ValueSource(strings = {"../evil", "-dash", ".dot", "a b", "tag%2Fx", "a:b"})
    void refusesTagsOutsideTheOciGrammar(String value) {
        assertThat(onlyError(staging("sourceTag: dev_789", "sourceTag: '" + value + "'"))
                        .message())
                .endsWith("is not a valid image tag");
    }

    @Test
    void refusesADerivedDestinationTagLongerThan128() {
        String longBuild = "dev_" + "9".repeat(120);
        Diagnostic error = onlyError(staging("sourceTag: dev_789", "sourceTag: " + longBuild));
        assertThat(error.message())
                .contains("the destination tag derived from destinationTagPrefix 'stage_us'")
                .contains("(129 characters, at most 128)");
        assertThat(error.hint()).contains("explicit destinationTag");
    }

    @Test
    void refusesTwoImagesMappingToTheSameDestination() {
        String secondProduct = "  - name: product2\n    releaseVersion: 2.0.0\n    releaseCandidate: 1\n    images:\n"
                + "      - repoName: product1/microservice-1\n        sourceTag: build_123\n";
        Diagnostic error = onlyError(STAGING + secondProduct);
        int line = STAGING.split("\n", -1).length + 5;
        assertThat(error.position()).isEqualTo(new SourcePosition(FILE, line, 20));
        assertThat(error.message())
                .isEqualTo(
                        "two images would both be tagged product1/microservice-1:stage_us_123 (the other at line 42)");
    }

    @Test
    void allowsTheSameTagInDifferentRepositories() {
        assertThat(warningsOf(
                        staging("sourceTag: dev_789", "sourceTag: dev_789\n        destinationTag: stage_us_123")))
                .isEmpty();
    }

    @Test
    void refusesAnImageTaggedOntoItsOwnSourceTag() {
        Diagnostic error =
                onlyError(staging("sourceTag: dev_789", "sourceTag: dev_789\n        destinationTag: dev_789"));
        assertThat(error.message()).contains("is the source tag itself");
    }

    @Test
    void warnsAboutAProductThatReleasesNothing() {
        String empty = STAGING.substring(0, STAGING.indexOf("    deployments:"));
        assertThat(warningsOf(empty))
                .singleElement()
                .satisfies(w -> assertThat(w.message())
                        .isEqualTo(
                                "product 'product1' has no deployments and no images, so releasing it does nothing"));
    }

    @Test
    void refusesAManifestWithoutProducts() {
        String noProducts = STAGING.substring(0, STAGING.indexOf("products:"));
        assertThat(onlyError(noProducts).message()).isEqualTo("the manifest has no 'products'");
        assertThat(onlyError(noProducts + "products: []\n").message()).isEqualTo("'products' is empty");
    }

    @Test
    void refusesWrongShapes() {
        assertThat(errorsOf(staging("    deployments:\n", "    deployments: lambda\n    unused:\n")))
                .extracting(Diagnostic::message)
                .containsExactly(
                        "'deployments' must be a list, not a text value", "unknown key 'unused' in product 'product1'");
        assertThat(errorsOf("environment: production\nproducts: []\n"))
                .extracting(Diagnostic::message)
                .containsExactly("'environment' must be a mapping, not a text value", "'products' is empty");
        assertThat(onlyError("- a\n- b\n").message()).startsWith("a release manifest must be a mapping");
        assertThat(onlyError(staging("name: product1", "name: [product1]")).message())
                .isEqualTo("'name' must be a text value, not a list");
    }

    @Test
    void reportsEveryErrorAtOnceInFileOrder() {
        String text = staging("name: staging-us-east-2", "name: Staging");
        text = replaceOnce(text, "releaseVersion: 1.9.0", "releaseVersion: latest");
        text = replaceOnce(text, "deployTarget: apigw", "deployTarget: lamda");
        text = replaceOnce(text, "sourceTag: dev_456", "sourceTag: '../x'");
        List<Diagnostic> errors = errorsOf(text);
        assertThat(errors).extracting(d -> d.position().line()).containsExactly(3, 8, 40, 45);
        assertThat(errors).allSatisfy(d -> assertThat(d.format()).matches("(?s)" + FILE + ":\\d+:\\d+: error: .+"));
    }

    @Test
    void keepsNumbersAsWrittenInsteadOfConvertingThem() {
        Release release = new ManifestLoader()
                .load(FILE, staging(FIRST_COMMIT, "gitCommit: 4096327815093746152038476152093847561029"))
                .release();
        assertThat(release.products().get(0).deployments().get(0).gitCommit())
                .isEqualTo("4096327815093746152038476152093847561029");
    }

    @Test
    void escapesControlCharactersEchoedInMessages() {
        Diagnostic error = onlyError(staging("sourceTag: dev_789", "sourceTag: \"dev\\u001b[31m\""));
        assertThat(error.message()).contains("\\u001b").doesNotContain("\u001b");
    }
}
