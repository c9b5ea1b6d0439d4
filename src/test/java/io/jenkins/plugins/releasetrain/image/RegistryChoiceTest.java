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
                .isEqualTo(new RegistryChoice("ecr:us-east-2", false, Optional.of("aws-release"), false));
        assertThat(RegistryChoice.of(Optional.of("ecr-prod"), Optional.of("aws-other"), List.of(ECR)))
                .isEqualTo(new RegistryChoice("ecr:us-east-2", false, Optional.of("aws-other"), false));
    }

    @Test
    void aConfiguredRegistryWithoutCredentialMayUseTheServersOwn() {
        assertThat(RegistryChoice.of(Optional.of("local"), Optional.empty(), List.of(ECR, LAYOUT)))
                .isEqualTo(new RegistryChoice("oci-layout:/srv/images", false, Optional.empty(), true));
        assertThat(RegistryChoice.of(Optional.of("test"), Optional.empty(), List.of(TEST)))
                .isEqualTo(new RegistryChoice("http://127.0.0.1:5000", true, Optional.empty(), true));
    }

    @Test
    void theOnlyConfiguredRegistryIsTheDefault() {
        assertThat(RegistryChoice.of(Optional.empty(), Optional.empty(), List.of(LAYOUT))
                        .reference())
                .isEqualTo("oci-layout:/srv/images");
        assertThatThrownBy(() -> RegistryChoice.of(Optional.empty(), Optional.empty(), List.of(ECR, LAYOUT)))
                .hasMessage("several image registries are configured (ecr-prod, local); name one with registry:");
        assertThatThrownBy(() -> RegistryChoice.of(Optional.empty(), Optional.empty(), List.of()))
                .hasMessageStartingWith("no image registry is configured; give registry:");
    }

    @Test
    void aScriptsOwnReferenceNeverUsesTheServersCredentialsOrFiles() {
        assertThat(RegistryChoice.of(Optional.of("https://registry.example.com"), Optional.empty(), List.of()))
                .isEqualTo(new RegistryChoice("https://registry.example.com", false, Optional.empty(), false));
        assertThat(RegistryChoice.of(Optional.of("ecr:us-east-2"), Optional.of("aws-dev"), List.of()))
                .isEqualTo(new RegistryChoice("ecr:us-east-2", false, Optional.of("aws-dev"), false));
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
}
