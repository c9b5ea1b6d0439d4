package io.jenkins.plugins.releasetrain.jenkins;

import edu.umd.cs.findbugs.annotations.NonNull;
import groovy.lang.Binding;
import hudson.Extension;
import org.jenkinsci.plugins.workflow.cps.CpsScript;
import org.jenkinsci.plugins.workflow.cps.GlobalVariable;
import org.jenkinsci.plugins.workflow.cps.GroovySourceFileAllowlist;

/**
 * The {@code promoteRelease} variable. Its body is {@code PromoteRelease.groovy}, a short script that calls
 * the {@code lock}, {@code readReleaseManifest}, {@code releasePlan}, {@code recordRelease}, {@code
 * releaseApproval}, {@code input}, {@code recordApproval}, {@code parallel}, {@code build}, {@code tagImages} and
 * {@code timeout} steps; a global variable (rather than a step) because only Pipeline code can wait in {@code input} prompts
 * across restarts and run {@code parallel} branches that themselves call steps and user closures.
 */
@Extension
public class PromoteReleaseDSL extends GlobalVariable {

    private static final String SCRIPT_CLASS = "io.jenkins.plugins.releasetrain.jenkins.PromoteRelease";

    @NonNull
    @Override
    public String getName() {
        return "promoteRelease";
    }

    @NonNull
    @Override
    public Object getValue(@NonNull CpsScript script) throws Exception {
        Binding binding = script.getBinding();
        if (binding.hasVariable(getName())) {
            return binding.getVariable(getName());
        }
        // A constructor, not a method: Groovy methods of the script would need @NonCPS to be called from here.
        Object promoteRelease = script.getClass()
                .getClassLoader()
                .loadClass(SCRIPT_CLASS)
                .getConstructor(Object.class)
                .newInstance(script);
        binding.setVariable(getName(), promoteRelease);
        return promoteRelease;
    }

    @Extension
    public static class Allowlist extends GroovySourceFileAllowlist {

        private final String scriptUrl =
                PromoteReleaseDSL.class.getResource("PromoteRelease.groovy").toString();

        @Override
        public boolean isAllowed(String groovySourceFileUrl) {
            return groovySourceFileUrl.equals(scriptUrl);
        }
    }
}
