package io.jenkins.plugins.releasetrain.image.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Registry references, authentication challenges and Docker config files, parsed as the client needs them. */
class RegistryClientPiecesTest {

    @Test
    void acceptsOnlySchemeHostAndPortAsARegistryReference() {
        assertThat(RegistryEndpoint.parse("registry.example.com", false).toString())
                .isEqualTo("https://registry.example.com");
        assertThat(RegistryEndpoint.parse("127.0.0.1:5000", true).toString()).isEqualTo("http://127.0.0.1:5000");
        assertThat(RegistryEndpoint.parse("http://127.0.0.1:5000/", false).plainHttp())
                .isTrue();
        assertThat(RegistryEndpoint.parse("HTTPS://Registry.Example.com:8443", false)
                        .authority())
                .isEqualTo("Registry.Example.com:8443");
        assertThatThrownBy(() -> RegistryEndpoint.parse("https://registry.example.com/v2/app", false))
                .hasMessageContaining("scheme://host[:port] only");
        assertThatThrownBy(() -> RegistryEndpoint.parse("https://user:pw@registry.example.com", false))
                .hasMessageContaining("no path, query or credentials");
        assertThatThrownBy(() -> RegistryEndpoint.parse("https://registry.example.com?x=1", false))
                .hasMessageContaining("scheme://host[:port] only");
    }

    @Test
    void parsesBearerAndBasicChallengesWithQuotedCommas() {
        AuthChallenge bearer = AuthChallenge.parse(
                        "Bearer realm=\"https://auth.example.com/token\",service=\"registry\","
                                + "scope=\"repository:a/b:pull,push\"")
                .orElseThrow();
        AuthChallenge basic =
                AuthChallenge.parse("Basic realm=\"Registry Realm\"").orElseThrow();

        assertThat(bearer.isBearer()).isTrue();
        assertThat(bearer.parameter("realm")).contains("https://auth.example.com/token");
        assertThat(bearer.parameter("scope")).contains("repository:a/b:pull,push");
        assertThat(bearer.parameter("service")).contains("registry");
        assertThat(basic.isBasic()).isTrue();
        assertThat(basic.parameter("realm")).contains("Registry Realm");
        assertThat(AuthChallenge.parse(null)).isEmpty();
    }

    @Test
    void findsCredentialsInDockerConfigByHostWithOrWithoutScheme(@TempDir Path dir) throws Exception {
        String auth = Base64.getEncoder().encodeToString("robot:pa:ss".getBytes(StandardCharsets.UTF_8));
        Path config = dir.resolve("config.json");
        Files.writeString(
                config,
                "{\"auths\":{"
                        + "\"https://registry.example.com/v1/\":{\"auth\":\"" + auth + "\"},"
                        + "\"127.0.0.1:5000\":{\"username\":\"u\",\"password\":\"p\"},"
                        + "\"broken.example.com\":{\"auth\":\"not base64!\"}},"
                        + "\"credsStore\":\"desktop\"}");

        DockerConfig docker = DockerConfig.load(config);

        assertThat(docker.credentialsFor("registry.example.com")).contains(new Credentials("robot", "pa:ss"));
        assertThat(docker.credentialsFor("127.0.0.1:5000")).contains(new Credentials("u", "p"));
        assertThat(docker.credentialsFor("broken.example.com")).isEmpty();
        assertThat(docker.credentialsFor("other.example.com")).isEmpty();
        assertThat(new Credentials("robot", "secret").toString()).doesNotContain("secret");
    }

    @Test
    void looksForDockerConfigWhereDockerDoes(@TempDir Path home) throws Exception {
        assertThat(DockerConfig.defaultLocation(Map.of(), home)).isEmpty();
        Path file = Files.createDirectories(home.resolve(".docker")).resolve("config.json");
        Files.writeString(file, "{}");
        assertThat(DockerConfig.defaultLocation(Map.of(), home)).contains(file);
        assertThat(DockerConfig.defaultLocation(
                        Map.of("DOCKER_CONFIG", home.resolve("elsewhere").toString()), home))
                .isEmpty();
    }
}
