package io.jenkins.plugins.releasetrain.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * No text a build gives is read one way by the check and another way by the opening: whatever the check
 * accepts opens exactly what it approved, a registry on an allowed host used with the build's own credential
 * or none, never a server directory nor the server's own identity.
 */
class RegistryReferencePropertiesTest {

    private static final RegistryHosts ALLOWED =
            RegistryHosts.parse("registry.example.com, *.corp.example, 127.0.0.1:5000");

    @Provide
    Arbitrary<String> references() {
        Arbitrary<String> prefix = Arbitraries.of(
                "", " ", "\u0001", "\u0000", "\t", "\u00a0", "\u2003", "\u200b", "\ufeff", "\r\n", "\u0085", "é");
        Arbitrary<String> kind = Arbitraries.of(
                "ecr:us-east-1",
                "ECR:us-east-1",
                "oci-layout:/var/lib/jenkins",
                "OCI-Layout:/srv",
                "oci-layout:",
                "https://registry.example.com",
                "HTTPS://Registry.Example.Com",
                "http://127.0.0.1:5000",
                "127.0.0.1:5000",
                "https://a.corp.example",
                "https://corp.example",
                "https://169.254.169.254",
                "https://user:pass@registry.example.com",
                "file:///etc",
                "registry.example.com/path",
                "https://registry.example.com.evil.test",
                "https://registry.example.com:443",
                "local");
        Arbitrary<String> suffix = Arbitraries.of("", " ", "\u0001", "\n", "\u00a0", "/", "@x", ":1");
        return Combinators.combine(prefix, kind, suffix).as((p, k, s) -> p + k + s);
    }

    @Property(tries = 500)
    void whatTheCheckAcceptsIsWhatItApproved(@ForAll("references") String reference) {
        RegistryChoice choice;
        try {
            choice = RegistryChoice.of(Optional.of(reference), Optional.empty(), List.of(), ALLOWED);
        } catch (IllegalArgumentException refused) {
            assertThat(refused.getMessage()).doesNotContain("pass@");
            return;
        }
        assertThat(reference.chars()).allMatch(c -> c >= 0x20 && c <= 0x7e);
        assertThat(choice.serverCredentials()).isFalse();
        assertThat(choice.reference()).isInstanceOf(RegistryReference.Distribution.class);
        RegistryReference.Distribution registry = (RegistryReference.Distribution) choice.reference();
        assertThat(ALLOWED.allows(registry)).isTrue();
        // what is opened is parsed from the same value, and names the same host
        assertThat(RegistryReference.parse(registry.text())).isEqualTo(registry);
    }
}
