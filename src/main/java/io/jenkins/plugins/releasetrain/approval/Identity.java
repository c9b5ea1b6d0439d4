package io.jenkins.plugins.releasetrain.approval;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A person as the approval rules see them: a user id; the groups they belong to; the other names they go
 * by (e-mail addresses, full name), so that their commits are recognised as theirs; and whether they
 * administer the server. Where this comes from decides how far a decision can be trusted: the Jenkins
 * plugin takes it from the authenticated user, the CLI from {@code --as}.
 */
public record Identity(String user, Set<String> groups, Set<String> aliases, boolean admin) {

    public Identity {
        if (user == null || user.isBlank()) {
            throw new IllegalArgumentException("a user id is required");
        }
        groups = Set.copyOf(groups);
        aliases = Set.copyOf(aliases);
    }

    public static Identity of(String user) {
        return new Identity(user, Set.of(), Set.of(), false);
    }

    public Identity withGroups(Collection<String> newGroups) {
        return new Identity(user, Set.copyOf(newGroups), aliases, admin);
    }

    public Identity withGroups(String... newGroups) {
        return withGroups(List.of(newGroups));
    }

    public Identity withAliases(String... newAliases) {
        return new Identity(user, groups, Set.of(newAliases), admin);
    }

    public Identity asAdmin() {
        return new Identity(user, groups, aliases, true);
    }

    /** The user id as compared: two identities with the same key are the same person. */
    public String key() {
        return Names.key(user);
    }

    public boolean isSamePersonAs(Identity other) {
        return other.answersTo(user) || aliases.stream().anyMatch(other::answersTo);
    }

    /** Whether {@code name} (a user id, e-mail address or full name) is one of this person's names. */
    public boolean answersTo(String name) {
        if (name == null || name.isBlank()) {
            return false;
        }
        String wanted = Names.key(name);
        return key().equals(wanted) || aliases.stream().map(Names::key).anyMatch(wanted::equals);
    }

    public boolean isInGroup(String group) {
        String wanted = Names.key(group);
        return groups.stream().map(Names::key).anyMatch(wanted::equals);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Identity other
                && key().equals(other.key())
                && Names.keys(groups).equals(Names.keys(other.groups))
                && Names.keys(aliases).equals(Names.keys(other.aliases))
                && admin == other.admin;
    }

    @Override
    public int hashCode() {
        return Objects.hash(key(), Names.keys(groups), Names.keys(aliases), admin);
    }
}
