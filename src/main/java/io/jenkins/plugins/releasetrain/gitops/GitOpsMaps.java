package io.jenkins.plugins.releasetrain.gitops;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Authorship and promotions as plain maps and lists: the CLI's JSON and what Pipeline steps return. */
public final class GitOpsMaps {

    private GitOpsMaps() {}

    public static Map<String, Object> identity(Identity identity) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("name", identity.name());
        map.put("email", identity.email());
        return map;
    }

    public static Map<String, Object> authorship(ManifestAuthorship authorship) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("path", authorship.path());
        map.put("since", authorship.since().orElse(null));
        map.put("until", authorship.until());
        map.put("sinceIsAncestor", authorship.sinceIsAncestor());
        map.put("people", identities(List.copyOf(authorship.people())));
        map.put("changes", authorship.changes().stream().map(GitOpsMaps::change).toList());
        return map;
    }

    public static Map<String, Object> change(ManifestChange change) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("commit", change.commit());
        map.put("path", change.path());
        map.put("author", identity(change.author()));
        map.put("committer", identity(change.committer()));
        map.put("coAuthors", identities(change.coAuthors()));
        map.put("authoredAt", change.authoredAt().toString());
        map.put("summary", change.summary());
        return map;
    }

    public static Map<String, Object> manifest(ManifestAtRevision manifest) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("repository", manifest.repository());
        map.put("revision", manifest.revision());
        map.put("commit", manifest.commit());
        map.put("path", manifest.path());
        map.put("releaseId", manifest.release().id().value());
        return map;
    }

    private static List<Map<String, Object>> identities(List<Identity> identities) {
        return identities.stream().map(GitOpsMaps::identity).toList();
    }
}
