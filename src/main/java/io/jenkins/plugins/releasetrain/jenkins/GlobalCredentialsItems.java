package io.jenkins.plugins.releasetrain.jenkins;

import com.cloudbees.plugins.credentials.CredentialsMatcher;
import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import hudson.Util;
import hudson.security.ACL;
import hudson.util.ListBoxModel;
import java.util.Collections;
import jenkins.model.Jenkins;

/**
 * The credentials a global setting may name: those of Jenkins' global scope (system-scoped ones are hidden from
 * builds, which is where they are used) of the kinds the setting uses, listed to administrators only.
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
}
