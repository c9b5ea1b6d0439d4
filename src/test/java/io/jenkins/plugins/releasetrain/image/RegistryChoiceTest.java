package io.jenkins.plugins.releasetrain.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.releasetrain.image.RegistryChoice.NamedRegistry;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RegistryChoiceTest {

    private static final NamedRegistry ECR = new NamedRegistry("ecr-prod", "ecr:us-east-2", "aws-release", false);
    private static final NamedRegistry LAYOUT = new NamedRegistry("local", "oci-layout:/srv/images", null, false);
    private static final NamedRegistry TEST = new NamedRegistry("test", "http://127.0.0.1:5000", "", true);

    @Test
    void aConfiguredRegistryComesWithItsCredentialUnlessTheScriptGivesOne() {
        assertThat(RegistryChoice.of(Optional.of("ecr-prod"), Optional.empty(), List.of(ECR, LAYOUT)))
                .isEqualTo(new RegistryChoice(
                        RegistryReference.parse("ecr:us-east-2"), false, Optional.of("aws-release"), false));
        assertThat(RegistryChoice.of(Optional.of("ecr-prod"), Optional.of("aws-other"), List.of(ECR)))
                .isEqualTo(new RegistryChoice(
                        RegistryReference.parse("ecr:us-east-2"), false, Optional.of("aws-other"), false));
    }

    @Test
    void aConfiguredRegistryWithoutCredentialMayUseTheServersOwn() {
        assertThat(RegistryChoice.of(Optional.of("local"), Optional.empty(), List.of(ECR, LAYOUT)))
                .isEqualTo(new RegistryChoice(
                        RegistryReference.parse("oci-layout:/srv/images"), false, Optional.empty(), true));
        assertThat(RegistryChoice.of(Optional.of("test"), Optional.empty(), List.of(TEST)))
                .isEqualTo(new RegistryChoice(
                        RegistryReference.parse("http://127.0.0.1:5000"), true, Optional.empty(), true));
    }

    @Test
    void theOnlyConfiguredRegistryIsTheDefault() {
        assertThat(RegistryChoice.of(Optional.empty(), Optional.empty(), List.of(LAYOUT))
                        .reference()
                        .text())
                .isEqualTo("oci-layout:/srv/images");
        assertThatThrownBy(() -> RegistryChoice.of(Optional.empty(), Optional.empty(), List.of(ECR, LAYOUT)))
                .hasMessage("several image registries are configured (ecr-prod, local); name one with registry:");
        assertThatThrownBy(() -> RegistryChoice.of(Optional.empty(), Optional.empty(), List.of()))
                .hasMessageStartingWith("no image registry is configured; give registry:");
    }

    @Test
    void aScriptsOwnReferenceNeverUsesTheServersCredentialsOrFiles() {
        assertThat(RegistryChoice.of(
                        Optional.of("https://registry.example.com"),
                        Optional.empty(),
                        List.of(),
                        RegistryHosts.parse("registry.example.com")))
                .isEqualTo(new RegistryChoice(
                        RegistryReference.parse("https://registry.example.com"), false, Optional.empty(), false));
        assertThat(RegistryChoice.of(Optional.of("ecr:us-east-2"), Optional.of("aws-dev"), List.of()))
                .isEqualTo(new RegistryChoice(
                        RegistryReference.parse("ecr:us-east-2"), false, Optional.of("aws-dev"), false));
        assertThatThrownBy(() -> RegistryChoice.of(Optional.of("ecr:us-east-2"), Optional.empty(), List.of(ECR)))
                .hasMessage("'ecr:us-east-2' needs credentialsId: an AWS credential; the server's own AWS identity is"
                        + " only used for registries administrators configured (configured: ecr-prod)");
        assertThatThrownBy(() ->
                        RegistryChoice.of(Optional.of("oci-layout:/var/lib/jenkins"), Optional.empty(), List.of()))
                .hasMessageStartingWith("'oci-layout:/var/lib/jenkins' names directories on the server; only"
                        + " administrators can choose those");
    }

    @Test
    void aWordThatIsNoConfiguredNameIsATypoNotAHost() {
        assertThatThrownBy(() -> RegistryChoice.of(Optional.of("ecr-prd"), Optional.empty(), List.of(ECR, LAYOUT)))
                .hasMessage("no image registry named 'ecr-prd' is configured (configured: ecr-prod, local); give a"
                        + " configured name, ecr:REGION or https://HOST");
    }

    @Test
    void aScriptMayNameOnlyHostsAdministratorsAllow() {
        RegistryHosts allowed = RegistryHosts.parse("registry.example.com, *.internal.example.com, 127.0.0.1:5000");

        assertThat(RegistryChoice.of(
                                Optional.of("https://ci.internal.example.com"), Optional.empty(), List.of(), allowed)
                        .reference())
                .isInstanceOf(RegistryReference.Distribution.class);
        assertThat(RegistryChoice.of(Optional.of("127.0.0.1:5000"), Optional.empty(), List.of(), allowed)
                        .reference()
                        .text())
                .isEqualTo("127.0.0.1:5000");
        assertThatThrownBy(() ->
                        RegistryChoice.of(Optional.of("https://169.254.169.254"), Optional.empty(), List.of(), allowed))
                .hasMessageContaining("is not a registry this server may contact for a build")
                .hasMessageContaining("administrators allow only registry.example.com");
        assertThatThrownBy(() -> RegistryChoice.of(
                        Optional.of("https://internal.example.com"), Optional.empty(), List.of(), allowed))
                .hasMessageContaining("is not a registry this server may contact");
        assertThatThrownBy(() -> RegistryChoice.of(Optional.of("127.0.0.1:6000"), Optional.empty(), List.of(), allowed))
                .hasMessageContaining("is not a registry this server may contact");
        assertThatThrownBy(() ->
                        RegistryChoice.of(Optional.of("https://registry.example.com"), Optional.empty(), List.of()))
                .hasMessageContaining("administrators allow no registry host beyond the configured registries");
    }

    @Test
    void controlAndNonAsciiCharactersAreRefusedBeforeAnyCheck() {
        assertThatThrownBy(() -> RegistryChoice.of(Optional.of("\u0001ecr:us-east-1"), Optional.empty(), List.of()))
                .hasMessageContaining("holds a control or non-ASCII character (U+0001)");
        assertThatThrownBy(
                        () -> RegistryChoice.of(Optional.of("\u0001oci-layout:/any/dir"), Optional.empty(), List.of()))
                .hasMessageContaining("U+0001");
        assertThatThrownBy(
                        () -> RegistryChoice.of(Optional.of("\u2003oci-layout:/any/dir"), Optional.empty(), List.of()))
                .hasMessageContaining("U+2003");
        assertThatThrownBy(() -> RegistryChoice.of(Optional.of("OCI-LAYOUT:/any/dir"), Optional.empty(), List.of()))
                .hasMessageContaining("names directories on the server");
    }

    @Test
    void credentialsInAReferenceAreNeverRepeated() {
        assertThatThrownBy(() -> RegistryChoice.of(
                        Optional.of("https://deploy:s3cret@registry.example.com"), Optional.empty(), List.of()))
                .hasMessageContaining("holds credentials")
                .hasMessageNotContaining("s3cret")
                .hasMessageNotContaining("deploy:");
        assertThatThrownBy(() -> RegistryReference.parse("https://deploy:s3cret@registry.example.com\u0007"))
                .hasMessageNotContaining("s3cret");
        assertThat(RegistryReference.redact("https://u:p@host")).isEqualTo("https://***@host");
    }
}
