package io.jenkins.plugins.releasetrain.changelog;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Changelogs as plain maps and lists, for JSON output, Pipeline step results and the release record. */
public final class ChangelogMaps {

    private ChangelogMaps() {}

    public static List<Map<String, Object>> changelog(ReleaseChangelog changelog) {
        return changelog.artifacts().stream().map(ChangelogMaps::artifact).toList();
    }

    public static Map<String, Object> artifact(ArtifactChangelog entry) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("artifactId", entry.artifactId());
        map.put("repository", entry.repository().orElse(null));
        map.put("from", entry.from().orElse(null));
        map.put("to", entry.to().orElse(null));
        map.put(
                "relation",
                entry.relation()
                        .map(r -> r.name().toLowerCase(java.util.Locale.ROOT))
                        .orElse(null));
        map.put("summary", entry.summary());
        map.put("added", commits(entry.added()));
        map.put("dropped", commits(entry.dropped()));
        map.put("note", entry.note().orElse(null));
        map.put("image", entry.image().map(ChangelogMaps::origin).orElse(null));
        map.put("liveImage", entry.liveImage().map(ChangelogMaps::origin).orElse(null));
        return map;
    }

    private static Map<String, Object> commits(CommitList list) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("total", list.total());
        map.put("atLeast", list.atLeast());
        map.put("more", list.more());
        map.put("commits", list.commits().stream().map(ChangelogMaps::commit).toList());
        return map;
    }

    private static Map<String, Object> commit(Commit commit) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("sha", commit.sha());
        map.put("subject", commit.subject());
        map.put("author", commit.author());
        map.put("date", commit.date().toString());
        map.put(
                "pullRequest",
                commit.pullRequest().isPresent() ? commit.pullRequest().getAsInt() : null);
        map.put("issueKeys", commit.issueKeys());
        return map;
    }

    private static Map<String, Object> origin(ImageOrigin origin) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("digest", origin.digest());
        map.put("revision", origin.revision().orElse(null));
        map.put("source", origin.source().orElse(null));
        return map;
    }
}
