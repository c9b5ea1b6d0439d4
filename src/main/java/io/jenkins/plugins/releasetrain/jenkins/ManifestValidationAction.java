package io.jenkins.plugins.releasetrain.jenkins;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.Run;
import io.jenkins.plugins.releasetrain.manifest.Diagnostic;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import jenkins.model.RunAction2;

/** The outcome of {@code validateReleaseManifest} on one file, shown on the build page. */
public class ManifestValidationAction implements RunAction2 {

    private final String file;
    private final List<String> errors;
    private final List<String> warnings;
    private final String plan;

    private transient Run<?, ?> run;

    ManifestValidationAction(String file, List<Diagnostic> diagnostics, @CheckForNull String plan) {
        this.file = file;
        this.errors = diagnostics.stream()
                .filter(Diagnostic::isError)
                .map(Diagnostic::format)
                .collect(Collectors.toCollection(ArrayList::new));
        this.warnings = diagnostics.stream()
                .filter(d -> !d.isError())
                .map(Diagnostic::format)
                .collect(Collectors.toCollection(ArrayList::new));
        this.plan = plan;
    }

    public String getFile() {
        return file;
    }

    public boolean isValid() {
        return getErrors().isEmpty();
    }

    public List<String> getErrors() {
        return errors == null ? List.of() : Collections.unmodifiableList(errors);
    }

    public List<String> getWarnings() {
        return warnings == null ? List.of() : Collections.unmodifiableList(warnings);
    }

    @CheckForNull
    public String getPlan() {
        return plan;
    }

    public Run<?, ?> getRun() {
        return run;
    }

    @Override
    public void onAttached(Run<?, ?> r) {
        this.run = r;
    }

    @Override
    public void onLoad(Run<?, ?> r) {
        this.run = r;
    }

    @Override
    public String getIconFileName() {
        return null;
    }

    @Override
    public String getDisplayName() {
        return Messages.ManifestValidationAction_DisplayName(file);
    }

    @Override
    public String getUrlName() {
        return null;
    }
}
