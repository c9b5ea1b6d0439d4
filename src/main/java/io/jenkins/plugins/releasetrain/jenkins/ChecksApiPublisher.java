package io.jenkins.plugins.releasetrain.jenkins;

import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.checks.api.ChecksAnnotation;
import io.jenkins.plugins.checks.api.ChecksAnnotation.ChecksAnnotationLevel;
import io.jenkins.plugins.checks.api.ChecksConclusion;
import io.jenkins.plugins.checks.api.ChecksDetails;
import io.jenkins.plugins.checks.api.ChecksOutput;
import io.jenkins.plugins.checks.api.ChecksPublisherFactory;
import io.jenkins.plugins.checks.api.ChecksStatus;
import io.jenkins.plugins.releasetrain.changelog.ManifestCheck;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import jenkins.model.Jenkins;

/** A manifest's check as the Checks API's details; only loaded when that plugin is active. */
final class ChecksApiPublisher {

    private ChecksApiPublisher() {}

    static void publish(Run<?, ?> run, TaskListener listener, ManifestCheck check) {
        ChecksOutput.ChecksOutputBuilder output =
                new ChecksOutput.ChecksOutputBuilder().withTitle(check.title()).withSummary(check.summary());
        for (ManifestCheck.Annotation annotation : check.annotations()) {
            ChecksAnnotation.ChecksAnnotationBuilder built = new ChecksAnnotation.ChecksAnnotationBuilder()
                    .withPath(annotation.path())
                    // GitHub takes columns only within one line: start and end line are the same.
                    .withLine(annotation.line())
                    .withStartColumn(annotation.column())
                    .withEndColumn(annotation.column())
                    .withAnnotationLevel(
                            annotation.error() ? ChecksAnnotationLevel.FAILURE : ChecksAnnotationLevel.WARNING)
                    .withMessage(annotation.message());
            if (annotation.hint() != null) {
                built.withRawDetails(annotation.hint());
            }
            output.addAnnotation(built.build());
        }
        ChecksDetails.ChecksDetailsBuilder details = new ChecksDetails.ChecksDetailsBuilder()
                .withName(check.name())
                .withStatus(ChecksStatus.COMPLETED)
                .withConclusion(check.passed() ? ChecksConclusion.SUCCESS : ChecksConclusion.FAILURE)
                .withCompletedAt(LocalDateTime.now(ZoneOffset.UTC))
                .withOutput(output.build());
        // A controller without a root URL cannot say where the build is; the check is published without a link.
        if (Jenkins.get().getRootUrl() != null) {
            details.withDetailsURL(run.getAbsoluteUrl());
        }
        ChecksPublisherFactory.fromRun(run, listener).publish(details.build());
    }
}
