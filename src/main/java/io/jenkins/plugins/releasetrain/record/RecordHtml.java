package io.jenkins.plugins.releasetrain.record;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.jenkins.plugins.releasetrain.approval.LedgerApprovals;
import io.jenkins.plugins.releasetrain.changelog.ArtifactChangelog;
import io.jenkins.plugins.releasetrain.changelog.Commit;
import io.jenkins.plugins.releasetrain.changelog.CommitList;
import io.jenkins.plugins.releasetrain.ledger.ApprovalRecorded;
import io.jenkins.plugins.releasetrain.ledger.ArtifactResult;
import io.jenkins.plugins.releasetrain.ledger.ReleaseRun;
import io.jenkins.plugins.releasetrain.ledger.ReleaseStarted;
import io.jenkins.plugins.releasetrain.ledger.ReleaseStatus;
import io.jenkins.plugins.releasetrain.manifest.Artifact;
import io.jenkins.plugins.releasetrain.plan.ChangeKind;
import io.jenkins.plugins.releasetrain.plan.PlannedArtifact;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * A release record as one self-contained HTML page: no scripts, no external styles, fonts or images, so it
 * opens anywhere, keeps as a file and prints to PDF from a browser as it shows. Everything from the ledger is
 * escaped. It states the digest of the JSON record of the same run, which ties the two together.
 */
public final class RecordHtml {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);
    private static final int OUTPUT_LINES = 10;
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String STYLE = """
            body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d1d1f;margin:2rem auto;\
            max-width:62rem;padding:0 1rem}
            h1{font-size:1.5rem;margin:0 0 .25rem}h2{font-size:1.1rem;margin:2rem 0 .5rem;border-bottom:1px solid #ccc;\
            padding-bottom:.2rem;break-after:avoid}
            table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{text-align:left;vertical-align:top;\
            padding:.3rem .5rem;border-bottom:1px solid #e3e3e3}th{font-weight:600;background:#f5f5f7}
            tr{break-inside:avoid}code,pre{font:12px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
            pre{background:#f5f5f7;padding:.5rem;white-space:pre-wrap;word-break:break-all;margin:.25rem 0}
            .status{display:inline-block;padding:.1rem .6rem;border-radius:1rem;font-weight:600;border:1px solid}
            .succeeded{color:#0a6b2b;border-color:#0a6b2b}.failed{color:#a4161a;border-color:#a4161a}
            .cancelled,.partial,.unfinished{color:#8a5a00;border-color:#8a5a00}
            dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;margin:.5rem 0}dt{color:#555}dd{margin:0}
            .muted{color:#666}.digest{word-break:break-all}
            footer{margin-top:2.5rem;font-size:12px;color:#555;border-top:1px solid #ccc;padding-top:.5rem}
            @media print{body{margin:0;max-width:none;font-size:11px}h2{margin-top:1.2rem}}
            """;

    private RecordHtml() {}

    /** The page for {@code record}, naming {@code recordSha256}, the digest its JSON states. */
    public static String write(ReleaseRecord record, String recordSha256) {
        ReleaseRun run = record.run();
        ReleaseStarted started = run.started();
        String status = run.status().map(ReleaseStatus::label).orElse("unfinished");
        StringBuilder html = new StringBuilder(16_384);
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>Release record: ")
                .append(e(record.environment()))
                .append(' ')
                .append(e(run.runId().value()))
                .append("</title><style>")
                .append(STYLE)
                .append("</style></head><body>\n");
        html.append("<h1>Release record: ").append(e(record.environment())).append("</h1>\n");
        html.append("<p><span class=\"status ")
                .append(e(status))
                .append("\">")
                .append(e(status))
                .append("</span> release <code>")
                .append(e(run.releaseId().shortForm()))
                .append("</code>, run <code>")
                .append(e(run.runId().value()))
                .append("</code></p>\n<dl>");
        item(html, "Started", time(started.time()) + " by " + started.actor());
        item(html, "Finished", run.finished().map(f -> time(f.time())).orElse("not recorded"));
        item(html, "Release id", run.releaseId().value());
        item(html, "Manifest", started.sourceName());
        run.rollback()
                .ifPresent(r -> item(
                        html,
                        "Rollback",
                        r.describe()
                                + r.from()
                                        .map(f -> ", rolling back run " + f.value())
                                        .orElse("")));
        if (run.isHotfix()) {
            item(html, "Hotfix", "let in by the rule's hotfix lane, without the promotion order");
        }
        started.details().entrySet().stream()
                .filter(d -> !d.getKey().equals(io.jenkins.plugins.releasetrain.ledger.ReleaseStarted.KIND))
                .filter(d -> !d.getKey().startsWith(ReleaseRecord.GROUNDS_PREFIX)
                        && !d.getKey().startsWith(ReleaseRecord.ROLLBACK_PREFIX))
                .sorted(Map.Entry.comparingByKey())
                .forEach(d -> item(html, d.getKey(), d.getValue()));
        html.append("</dl>\n");
        approvals(html, record);
        plan(html, record);
        record.changelog().ifPresent(c -> {
            html.append("<h2>Changelog</h2>\n");
            c.artifacts().forEach(a -> changelog(html, a));
        });
        artifacts(html, run.results());
        record.verification().ifPresent(v -> {
            html.append("<h2>Verification</h2>\n<p><span class=\"status ")
                    .append(v.passed() ? "succeeded" : "failed")
                    .append("\">")
                    .append(e(v.label()))
                    .append("</span> ")
                    .append(e(v.message()))
                    .append(", ")
                    .append(e(time(v.started())))
                    .append(", ")
                    .append(v.duration().toMillis())
                    .append(" ms</p>\n");
            String tail = tail(v.output());
            if (!tail.isEmpty()) {
                html.append("<pre>").append(e(tail)).append("</pre>\n");
            }
        });
        if (!run.artifactsWithoutResult().isEmpty()) {
            html.append("<p>Started with no result recorded: ")
                    .append(e(String.join(", ", run.artifactsWithoutResult())))
                    .append("</p>\n");
        }
        html.append("<h2>Manifest</h2>\n<pre>").append(e(started.sourceText())).append("</pre>\n");
        html.append("<footer>Written from the release-train ledger of ")
                .append(e(record.environment()))
                .append(". The JSON release record of this run states SHA-256 <code class=\"digest\">")
                .append(e(recordSha256))
                .append("</code>.</footer>\n</body></html>\n");
        return html.toString();
    }

    private static void approvals(StringBuilder html, ReleaseRecord record) {
        html.append("<h2>Approvals</h2>\n");
        Map<String, String> details = record.grounds();
        String rule = details.get(LedgerApprovals.GROUNDS_RULE);
        if (rule == null && details.get(LedgerApprovals.GROUNDS_DECISION) == null) {
            html.append("<p class=\"muted\">The run recorded no approval decision (no protection rule was"
                    + " checked).</p>\n");
        } else {
            JsonNode decision = parsed(details.get(LedgerApprovals.GROUNDS_DECISION));
            JsonNode snapshot = parsed(details.get(LedgerApprovals.GROUNDS_RULE_SNAPSHOT));
            html.append("<p>Let through under rule <strong>")
                    .append(e(rule == null ? "none" : rule))
                    .append("</strong>");
            if (snapshot.has("requiredApprovals")) {
                html.append(" (")
                        .append(snapshot.get("requiredApprovals").asInt())
                        .append(" required from ")
                        .append(e(approvers(snapshot.path("approvers"))))
                        .append(')');
            }
            html.append(": ")
                    .append(e(decision.path("message").asText("no decision recorded")))
                    .append("</p>\n");
        }
        if (record.approvals().isEmpty()) {
            html.append("<p class=\"muted\">No approvals were recorded for this release before the run.</p>\n");
            return;
        }
        html.append("<table><thead><tr><th>When</th><th>Who</th><th>Decision</th><th>Comment</th></tr></thead>"
                + "<tbody>\n");
        for (ApprovalRecorded approval : record.approvals()) {
            String action = approval.details()
                    .getOrDefault("action", approval.decision().name().toLowerCase());
            html.append("<tr><td>")
                    .append(e(time(approval.time())))
                    .append("</td><td>")
                    .append(e(approval.actor()))
                    .append(
                            approval.groups().isEmpty()
                                    ? ""
                                    : " <span class=\"muted\">(" + e(String.join(", ", approval.groups())) + ")</span>")
                    .append("</td><td>")
                    .append(e(action))
                    .append("</td><td>")
                    .append(e(approval.comment() == null ? "" : approval.comment()))
                    .append("</td></tr>\n");
        }
        html.append("</tbody></table>\n");
    }

    private static JsonNode parsed(String json) {
        if (json == null) {
            return MissingNode.getInstance();
        }
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            return MissingNode.getInstance();
        }
    }

    private static String approvers(JsonNode approvers) {
        List<String> names = new java.util.ArrayList<>();
        approvers.path("users").forEach(u -> names.add(u.asText()));
        approvers.path("groups").forEach(g -> names.add("members of " + g.asText()));
        return names.isEmpty() ? "nobody" : String.join(", ", names);
    }

    private static void plan(StringBuilder html, ReleaseRecord record) {
        html.append("<h2>Plan</h2>\n<table><thead><tr><th>Artifact</th><th>Change</th><th>Before</th>"
                + "<th>After</th></tr></thead><tbody>\n");
        long unchanged = 0;
        for (PlannedArtifact artifact : record.plan().artifacts()) {
            if (artifact.change() == ChangeKind.UNCHANGED) {
                unchanged++;
                continue;
            }
            html.append("<tr><td>")
                    .append(e(artifact.id()))
                    .append("</td><td>")
                    .append(e(artifact.change().label()))
                    .append("</td><td><code>")
                    .append(e(artifact.beforeArtifact()
                            .map(Artifact::displayVersion)
                            .orElse("")))
                    .append("</code></td><td><code>")
                    .append(e(artifact.afterArtifact()
                            .map(Artifact::displayVersion)
                            .orElse("")))
                    .append("</code></td></tr>\n");
        }
        html.append("</tbody></table>\n");
        if (unchanged > 0) {
            html.append("<p class=\"muted\">").append(unchanged).append(" unchanged.</p>\n");
        }
    }

    private static void changelog(StringBuilder html, ArtifactChangelog entry) {
        html.append("<h3>")
                .append(e(entry.artifactId()))
                .append(": ")
                .append(e(entry.summary()))
                .append("</h3>\n");
        commits(html, entry.added(), "");
        commits(html, entry.dropped(), "taken away: ");
    }

    private static void commits(StringBuilder html, CommitList commits, String prefix) {
        if (commits.commits().isEmpty()) {
            return;
        }
        html.append("<ul>\n");
        for (Commit commit : commits.commits()) {
            html.append("<li>")
                    .append(e(prefix))
                    .append("<code>")
                    .append(e(commit.shortSha()))
                    .append("</code> ")
                    .append(e(commit.subject()))
                    .append(" <span class=\"muted\">(")
                    .append(e(commit.author()))
                    .append(", ")
                    .append(e(time(commit.date())))
                    .append(")</span></li>\n");
        }
        if (commits.more() > 0) {
            html.append("<li>and ").append(commits.more()).append(" more</li>\n");
        }
        html.append("</ul>\n");
    }

    private static void artifacts(StringBuilder html, List<ArtifactResult> results) {
        html.append("<h2>Artifacts</h2>\n<table><thead><tr><th>Artifact</th><th>Result</th><th>Timing</th>"
                + "<th>Done by</th></tr></thead><tbody>\n");
        for (ArtifactResult result : results) {
            String by = result.details()
                    .getOrDefault(ArtifactResult.HANDLER, result.details().getOrDefault(ArtifactResult.BUILD, ""));
            String after = result.details().get(ArtifactResult.DIGEST);
            String before = RecordDocument.digestBefore(result).orElse(null);
            html.append("<tr><td>")
                    .append(e(result.artifactId()))
                    .append(" <code>")
                    .append(e(result.artifact().displayVersion()))
                    .append("</code>");
            if (after != null) {
                html.append("<div class=\"digest muted\">")
                        .append(before == null ? "new tag" : "before " + e(before))
                        .append("<br>after ")
                        .append(e(after))
                        .append("</div>");
            }
            html.append("</td><td>")
                    .append(e(result.status().label()))
                    .append("<div class=\"muted\">")
                    .append(e(result.message()))
                    .append("</div>");
            String tail = tail(result.output());
            if (!tail.isEmpty()) {
                html.append("<pre>").append(e(tail)).append("</pre>");
            }
            html.append("</td><td>")
                    .append(e(time(result.started())))
                    .append("<div class=\"muted\">")
                    .append(result.duration().toMillis())
                    .append(" ms</div></td><td>")
                    .append(e(by))
                    .append("</td></tr>\n");
        }
        html.append("</tbody></table>\n");
    }

    private static String tail(String output) {
        List<String> lines = output.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - OUTPUT_LINES), lines.size()));
    }

    private static void item(StringBuilder html, String term, String value) {
        html.append("<dt>").append(e(term)).append("</dt><dd>").append(e(value)).append("</dd>");
    }

    private static String time(Instant instant) {
        return TIME.format(instant);
    }

    /** HTML-escapes text from the ledger; control characters become visible escapes. */
    static String e(String text) {
        String printable = io.jenkins.plugins.releasetrain.manifest.PrintableText.lines(text);
        StringBuilder out = new StringBuilder(printable.length());
        for (char c : printable.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
