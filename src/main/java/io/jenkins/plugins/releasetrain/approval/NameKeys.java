package io.jenkins.plugins.releasetrain.approval;

/**
 * How user ids and group names compare, as the identity provider does: two names with the same key are the
 * same user (or group). The command line and the policy file compare without case, as Jenkins does by
 * default; the Jenkins plugin uses its security realm's own strategies, which may be case-sensitive.
 * Only ids and group names are compared this way: a full name or an e-mail address never makes two people
 * one, nor anyone a listed approver.
 */
public interface NameKeys {

    /** Without surrounding blanks and case. */
    NameKeys CASE_INSENSITIVE = new NameKeys() {
        @Override
        public String user(String id) {
            return Names.key(id);
        }

        @Override
        public String group(String name) {
            return Names.key(name);
        }
    };

    String user(String id);

    String group(String name);

    default boolean sameUser(String a, String b) {
        return user(a).equals(user(b));
    }

    default boolean sameGroup(String a, String b) {
        return group(a).equals(group(b));
    }
}
