package io.jenkins.plugins.releasetrain.jenkins;

import com.cloudbees.plugins.credentials.CredentialsMatcher;
import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Util;
import hudson.security.ACL;
import hudson.util.ListBoxModel;
import java.util.Collections;
import java.util.List;
import jenkins.model.Jenkins;

/**
 * The credentials a global setting may name: those of Jenkins' global scope (system-scoped ones are hidden from
 * builds, which is where they are used) of the kinds the setting uses, listed to administrators only, and looked up
 * by id where the controller uses them with no build.
 */
final class GlobalCredentialsItems {

    private GlobalCredentialsItems() {}

    static ListBoxModel of(String credentialsId, CredentialsMatcher kinds) {
        if (!Jenkins.get().hasPermission(Jenkins.ADMINISTER)) {
            return new StandardListBoxModel().includeCurrentValue(Util.fixNull(credentialsId));
        }
        return new StandardListBoxModel()
                .includeEmptyValue()
                .includeMatchingAs(
                        ACL.SYSTEM2,
                        Jenkins.get(),
                        StandardCredentials.class,
                        Collections.emptyList(),
                        CredentialsMatchers.allOf(CredentialsMatchers.withScope(CredentialsScope.GLOBAL), kinds))
                .includeCurrentValue(Util.fixNull(credentialsId));
    }

    /** The global credentials of {@code type} with this id, as the controller itself uses them; null when none. */
    @CheckForNull
    static <C extends StandardCredentials> C find(Class<C> type, String credentialsId) {
        return CredentialsMatchers.firstOrNull(
                CredentialsProvider.lookupCredentialsInItemGroup(type, Jenkins.get(), ACL.SYSTEM2, List.of()),
                CredentialsMatchers.allOf(
                        CredentialsMatchers.withId(credentialsId),
                        CredentialsMatchers.withScope(CredentialsScope.GLOBAL)));
    }
}
