package io.jenkins.plugins.releasetrain.jenkins;

import com.cloudbees.jenkins.plugins.awscredentials.AmazonWebServicesCredentials;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import hudson.AbortException;
import hudson.model.Run;
import io.jenkins.plugins.releasetrain.image.ImageRegistry;
import io.jenkins.plugins.releasetrain.image.Registries;
import io.jenkins.plugins.releasetrain.image.RegistryChoice;
import io.jenkins.plugins.releasetrain.image.RegistryOptions;
import io.jenkins.plugins.releasetrain.image.RegistryReference;
import io.jenkins.plugins.releasetrain.image.http.Credentials;
import java.io.IOException;
import java.util.Map;

/**
 * Opens the registry a build chose, with the credentials it may use, for one piece of work: retagging images, or
 * reading their labels for a changelog.
 */
final class RegistryConnections {

    /** Work done with an open registry. */
    @FunctionalInterface
    interface RegistryWork<T> {
        T apply(ImageRegistry registry) throws IOException;
    }

    private RegistryConnections() {}

    static <T> T with(Run<?, ?> run, RegistryChoice choice, RegistryWork<T> work) throws IOException {
        RegistryOptions registryOptions = credentials(run, choice).withInsecure(choice.insecure());
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        // The AWS SDK finds its HTTP client through the context class loader, which must see this plugin's.
        thread.setContextClassLoader(RegistryConnections.class.getClassLoader());
        try (ImageRegistry registry = open(run, choice, registryOptions)) {
            return work.apply(registry);
        } catch (IllegalArgumentException e) {
            throw new AbortException(e.getMessage());
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static ImageRegistry open(Run<?, ?> run, RegistryChoice choice, RegistryOptions options)
            throws IOException {
        if (choice.serverCredentials()) {
            return Registries.open(choice.reference(), options);
        }
        // No environment and the build's own directory as home: no Docker configuration of the controller is
        // read for a registry the Pipeline named itself.
        return Registries.open(
                choice.reference(), options, Map.of(), run.getRootDir().toPath());
    }

    private static RegistryOptions credentials(Run<?, ?> run, RegistryChoice choice) throws AbortException {
        if (choice.credentialsId().isEmpty()) {
            return RegistryOptions.DEFAULTS;
        }
        String id = choice.credentialsId().get();
        if (choice.reference() instanceof RegistryReference.Ecr) {
            AmazonWebServicesCredentials aws =
                    CredentialsProvider.findCredentialById(id, AmazonWebServicesCredentials.class, run);
            if (aws == null) {
                throw new AbortException(Messages.TagImagesStep_NoAwsCredentials(id));
            }
            CredentialsProvider.track(run, aws);
            return RegistryOptions.DEFAULTS.withAwsCredentials(aws);
        }
        StandardUsernamePasswordCredentials login =
                CredentialsProvider.findCredentialById(id, StandardUsernamePasswordCredentials.class, run);
        if (login == null) {
            throw new AbortException(Messages.TagImagesStep_NoLoginCredentials(id));
        }
        CredentialsProvider.track(run, login);
        return RegistryOptions.DEFAULTS.withCredentials(
                new Credentials(login.getUsername(), login.getPassword().getPlainText()));
    }
}
