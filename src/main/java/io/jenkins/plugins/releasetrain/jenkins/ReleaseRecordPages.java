package io.jenkins.plugins.releasetrain.jenkins;

import hudson.model.Item;
import hudson.model.Run;
import io.jenkins.plugins.releasetrain.ledger.EnvironmentLedger;
import io.jenkins.plugins.releasetrain.ledger.LedgerException;
import io.jenkins.plugins.releasetrain.ledger.ReleaseRun;
import io.jenkins.plugins.releasetrain.ledger.RunId;
import io.jenkins.plugins.releasetrain.record.RecordHtml;
import io.jenkins.plugins.releasetrain.record.RecordJson;
import io.jenkins.plugins.releasetrain.record.ReleaseRecord;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.kohsuke.stapler.StaplerResponse2;

/**
 * Serves the release record of a build's run, written from the ledger on each request (see the engine's
 * {@code record} package). Readable by whoever may read the build's job, the same people who see its log;
 * nothing is changed, so these are plain GETs.
 */
final class ReleaseRecordPages {

    /** The page has inline styles and nothing else: no scripts, no requests of its own. */
    static final String PAGE_POLICY = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none';"
            + " form-action 'none'; frame-ancestors 'self'";

    private ReleaseRecordPages() {}

    static void write(Run<?, ?> run, String environment, String runId, boolean html, StaplerResponse2 rsp)
            throws IOException {
        run.getParent().checkPermission(Item.READ);
        Optional<ReleaseRecord> record = record(environment, runId);
        if (record.isEmpty()) {
            rsp.sendError(HttpServletResponse.SC_NOT_FOUND, Messages.ReleaseAction_NoRecord(environment));
            return;
        }
        RecordJson.Written json = RecordJson.written(record.get());
        String body = html ? RecordHtml.write(record.get(), json.sha256()) : json.text();
        rsp.setContentType(html ? "text/html;charset=UTF-8" : "application/json;charset=UTF-8");
        rsp.setHeader("X-Content-Type-Options", "nosniff");
        rsp.setHeader("Cache-Control", "no-store");
        if (html) {
            rsp.setHeader("Content-Security-Policy", PAGE_POLICY);
        }
        try (OutputStream out = rsp.getOutputStream()) {
            out.write(body.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** The record of the run, once the run has started and the ledger holds it. */
    private static Optional<ReleaseRecord> record(String environment, String runId) throws IOException {
        if (runId == null) {
            return Optional.empty();
        }
        try {
            EnvironmentLedger ledger = ReleaseLedger.get().read(environment);
            Optional<ReleaseRun> run = ledger.run(new RunId(runId));
            return run.map(r -> ReleaseRecord.of(ledger, r));
        } catch (LedgerException e) {
            throw new IOException(
                    Messages.ReleaseLedger_Unreadable(ReleaseLedger.get().directory(), e.getMessage()), e);
        }
    }
}
