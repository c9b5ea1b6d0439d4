package io.jenkins.plugins.releasetrain.jenkins;

import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.releasetrain.gitops.CredentialsReference;
import io.jenkins.plugins.releasetrain.gitops.GitAccess;
import java.nio.file.Path;
import java.time.Duration;

/** How the controller reaches a git repository with Username/password credentials, or anonymously. */
final class GitLogins {

    /** The name the password is handed to the git client under; never a real environment variable. */
    private static final String PASSWORD = "RELEASE_TRAIN_GIT_PASSWORD";

    private GitLogins() {}

    /**
     * @param login the credentials to log in with; null for anonymous access
     * @param cacheRoot where copies of the repositories are kept
     * @param timeout the bound of each network operation
     */
    static GitAccess access(@CheckForNull StandardUsernamePasswordCredentials login, Path cacheRoot, Duration timeout) {
        String username = login == null ? null : login.getUsername();
        String secret = login == null ? null : login.getPassword().getPlainText();
        return new GitAccess(
                new CredentialsReference(username, secret == null ? null : PASSWORD, null, null, null),
                name -> PASSWORD.equals(name) ? secret : null,
                cacheRoot,
                timeout);
    }
}
