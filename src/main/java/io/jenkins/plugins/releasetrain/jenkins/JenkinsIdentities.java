package io.jenkins.plugins.releasetrain.jenkins;

import hudson.model.User;
import hudson.security.SecurityRealm;
import io.jenkins.plugins.releasetrain.approval.Identity;
import io.jenkins.plugins.releasetrain.approval.NameKeys;
import java.util.Set;
import java.util.TreeSet;
import jenkins.model.IdStrategy;
import jenkins.model.Jenkins;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

/**
 * Jenkins users as the approval rules see them: the user id, the groups the security realm gives them now,
 * their full name as an alias (so that their commits are recognised), and whether they administer Jenkins.
 */
final class JenkinsIdentities {

    private JenkinsIdentities() {}

    /**
     * User ids and group names compared as the security realm compares them (its id strategies), as the input
     * step does when it decides who may answer.
     */
    static NameKeys nameKeys() {
        IdStrategy users = Jenkins.get().getSecurityRealm().getUserIdStrategy();
        IdStrategy groups = Jenkins.get().getSecurityRealm().getGroupIdStrategy();
        return new NameKeys() {
            @Override
            public String user(String id) {
                return users.keyFor(id.strip());
            }

            @Override
            public String group(String name) {
                return groups.keyFor(name.strip());
            }
        };
    }

    static Identity of(String userId) {
        User user = User.getById(userId, false);
        if (user == null) {
            return Identity.of(userId);
        }
        String id = user.getId();
        Set<String> groups = new TreeSet<>();
        boolean admin = false;
        try {
            Authentication authentication = user.impersonate2();
            IdStrategy groupIds = Jenkins.get().getSecurityRealm().getGroupIdStrategy();
            IdStrategy userIds = Jenkins.get().getSecurityRealm().getUserIdStrategy();
            for (GrantedAuthority authority : authentication.getAuthorities()) {
                String group = authority.getAuthority();
                if (group != null
                        && !authority.equals(SecurityRealm.AUTHENTICATED_AUTHORITY2)
                        && !userIds.equals(group, id)
                        && groups.stream().noneMatch(g -> groupIds.equals(g, group))) {
                    groups.add(group);
                }
            }
            admin = Jenkins.get().getACL().hasPermission2(authentication, Jenkins.ADMINISTER);
        } catch (UsernameNotFoundException e) {
            // No longer known to the security realm: neither groups nor administration count for them.
        }
        String fullName = user.getFullName();
        Identity identity = new Identity(id, groups, Set.of(), admin);
        return fullName.isBlank() || fullName.equals(id) ? identity : identity.withAliases(fullName);
    }
}
