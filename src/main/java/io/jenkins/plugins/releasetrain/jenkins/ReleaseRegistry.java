package io.jenkins.plugins.releasetrain.jenkins;

import com.cloudbees.jenkins.plugins.awscredentials.AmazonWebServicesCredentials;
import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.Util;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.releasetrain.manifest.FieldRules;
import java.io.File;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.regex.Pattern;
import jenkins.model.Jenkins;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * An image registry releases retag images in: an OCI Distribution registry ({@code oci}, by URL), Amazon ECR
 * ({@code ecr}, by region) or OCI image layout directories on the controller ({@code oci-layout}, by path).
 */
public class ReleaseRegistry implements Describable<ReleaseRegistry> {

    public static final String OCI = "oci";
    public static final String ECR = "ecr";
    public static final String OCI_LAYOUT = "oci-layout";

    private static final List<String> TYPES = List.of(OCI, ECR, OCI_LAYOUT);
    private static final Pattern AWS_REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-[0-9]");

    private final String name;
    private final String type;
    private String url;
    private String region;
    private String credentialsId;
    private boolean insecure;

    @DataBoundConstructor
    public ReleaseRegistry(String name, String type) {
        String trimmed = Util.fixNull(name).trim();
        FieldRules.DNS_LABEL_NAME.check(trimmed).ifPresent(p -> {
            throw new IllegalArgumentException(Messages.ReleaseRegistry_InvalidName(trimmed, p.message(), p.hint()));
        });
        if (!TYPES.contains(type)) {
            throw new IllegalArgumentException(Messages.ReleaseRegistry_UnknownType(type, String.join(", ", TYPES)));
        }
        this.name = trimmed;
        this.type = type;
    }

    public String getName() {
        return name;
    }

    public String getType() {
        return type;
    }

    @CheckForNull
    public String getUrl() {
        return url;
    }

    @DataBoundSetter
    public void setUrl(String url) {
        this.url = Util.fixEmptyAndTrim(url);
    }

    @CheckForNull
    public String getRegion() {
        return region;
    }

    @DataBoundSetter
    public void setRegion(String region) {
        this.region = Util.fixEmptyAndTrim(region);
    }

    @CheckForNull
    public String getCredentialsId() {
        return credentialsId;
    }

    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        this.credentialsId = Util.fixEmptyAndTrim(credentialsId);
    }

    public boolean isInsecure() {
        return insecure;
    }

    @DataBoundSetter
    public void setInsecure(boolean insecure) {
        this.insecure = insecure;
    }

    /**
     * The registry as the image engine and the command line name one: the URL of an OCI registry, {@code
     * ecr:REGION}, or {@code oci-layout:DIR}.
     */
    public String reference() {
        return switch (type) {
            case ECR -> "ecr:" + Util.fixNull(region);
            case OCI_LAYOUT -> "oci-layout:" + Util.fixNull(url);
            default -> Util.fixNull(url);
        };
    }

    static String urlProblem(String type, @CheckForNull String url) {
        if (ECR.equals(type)) {
            return null;
        }
        if (url == null) {
            return OCI_LAYOUT.equals(type)
                    ? Messages.ReleaseRegistry_LayoutDirectoryRequired()
                    : Messages.ReleaseRegistry_UrlRequired();
        }
        if (OCI_LAYOUT.equals(type)) {
            return new File(url).isAbsolute() ? null : Messages.ReleaseRegistry_LayoutDirectoryNotAbsolute(url);
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme();
            if (uri.getHost() == null || !("https".equals(scheme) || "http".equals(scheme))) {
                return Messages.ReleaseRegistry_UrlInvalid(url);
            }
        } catch (URISyntaxException e) {
            return Messages.ReleaseRegistry_UrlInvalid(url);
        }
        return null;
    }

    static String regionProblem(String type, @CheckForNull String region) {
        if (!ECR.equals(type)) {
            return null;
        }
        if (region == null || !AWS_REGION.matcher(region).matches()) {
            return Messages.ReleaseRegistry_RegionInvalid(Util.fixNull(region));
        }
        return null;
    }

    @Extension
    public static class DescriptorImpl extends Descriptor<ReleaseRegistry> {

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.ReleaseRegistry_DisplayName();
        }

        @POST
        public ListBoxModel doFillTypeItems() {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            ListBoxModel items = new ListBoxModel();
            items.add(Messages.ReleaseRegistry_TypeOci(), OCI);
            items.add(Messages.ReleaseRegistry_TypeEcr(), ECR);
            items.add(Messages.ReleaseRegistry_TypeOciLayout(), OCI_LAYOUT);
            return items;
        }

        @POST
        public ListBoxModel doFillCredentialsIdItems(@QueryParameter String credentialsId) {
            return GlobalCredentialsItems.of(
                    credentialsId,
                    CredentialsMatchers.anyOf(
                            CredentialsMatchers.instanceOf(StandardUsernamePasswordCredentials.class),
                            CredentialsMatchers.instanceOf(AmazonWebServicesCredentials.class)));
        }

        @POST
        public FormValidation doCheckName(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            String trimmed = Util.fixNull(value).trim();
            return FieldRules.DNS_LABEL_NAME
                    .check(trimmed)
                    .map(p ->
                            FormValidation.error(Messages.ReleaseRegistry_InvalidName(trimmed, p.message(), p.hint())))
                    .orElse(FormValidation.ok());
        }

        @POST
        public FormValidation doCheckUrl(@QueryParameter String value, @QueryParameter String type) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            String problem = urlProblem(type, Util.fixEmptyAndTrim(value));
            return problem == null ? FormValidation.ok() : FormValidation.error(problem);
        }

        @POST
        public FormValidation doCheckRegion(@QueryParameter String value, @QueryParameter String type) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            String problem = regionProblem(type, Util.fixEmptyAndTrim(value));
            return problem == null ? FormValidation.ok() : FormValidation.error(problem);
        }
    }
}
