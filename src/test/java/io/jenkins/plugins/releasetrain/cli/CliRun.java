package io.jenkins.plugins.releasetrain.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One invocation of the CLI with captured output, as a user's terminal would see it (no colour). */
record CliRun(int exitCode, String out, String err) {

    static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = ReleaseTrainCli.execute(new PrintWriter(out), new PrintWriter(err), args);
        return new CliRun(code, out.toString(), err.toString());
    }
}
