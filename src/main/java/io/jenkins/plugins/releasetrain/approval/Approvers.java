package io.jenkins.plugins.releasetrain.approval;

import java.util.ArrayList;
import java.util.List;

/** Who may approve: named users, and every member of the named groups. */
public record Approvers(List<String> users, List<String> groups) {

    public Approvers {
        users = List.copyOf(users);
        groups = List.copyOf(groups);
        users.forEach(u -> Names.requireName("approvers.users", "an approver's user name", u));
        groups.forEach(g -> Names.requireName("approvers.groups", "an approver group name", g));
    }

    /**
     * User or group names as written in a form or a configuration file: separated by commas or new lines, so
     * that a group such as {@code Release Managers} keeps its space. Blanks around each name are dropped.
     */
    public static List<String> parseNames(String text) {
        if (text == null) {
            return List.of();
        }
        return java.util.Arrays.stream(text.split("[,\\r\\n]+"))
                .map(String::strip)
                .filter(n -> !n.isEmpty())
                .toList();
    }

    public static Approvers none() {
        return new Approvers(List.of(), List.of());
    }

    public static Approvers users(String... users) {
        return new Approvers(List.of(users), List.of());
    }

    public static Approvers groups(String... groups) {
        return new Approvers(List.of(), List.of(groups));
    }

    public Approvers andUsers(String... more) {
        List<String> all = new ArrayList<>(users);
        all.addAll(List.of(more));
        return new Approvers(all, groups);
    }

    public boolean isEmpty() {
        return users.isEmpty() && groups.isEmpty();
    }

    /**
     * Whether {@code person} is one of the users, by user id, or belongs to one of the groups (as recorded for
     * them). Aliases do not count here: someone may be able to choose their full name, never their user id.
     */
    public boolean include(Identity person) {
        return include(person, NameKeys.CASE_INSENSITIVE);
    }

    /** As {@link #include(Identity)}, comparing ids and group names as {@code names} does. */
    public boolean include(Identity person, NameKeys names) {
        return users.stream().anyMatch(u -> names.sameUser(u, person.user()))
                || groups.stream().anyMatch(g -> person.groups().stream().anyMatch(h -> names.sameGroup(g, h)));
    }

    /** "carol, dan or a member of release-leads", for messages. */
    public String describe() {
        List<String> parts = new ArrayList<>(users);
        groups.forEach(g -> parts.add("a member of " + g));
        return parts.isEmpty() ? "nobody" : Wording.alternatives(parts);
    }
}
