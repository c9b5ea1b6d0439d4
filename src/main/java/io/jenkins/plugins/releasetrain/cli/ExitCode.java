package io.jenkins.plugins.releasetrain.cli;

/** The exit codes of {@code release-train}, the same for every command so scripts can rely on them. */
public final class ExitCode {

    /** The command did what was asked. */
    public static final int OK = 0;
    /** The input was fine but the work failed (a deployment, a registry, a ledger write). */
    public static final int FAILED = 1;
    /** Invalid input or usage: a bad manifest, a missing file, an unknown option. */
    public static final int INVALID = 2;
    /** The release waits for approvals before it may run. */
    public static final int AWAITING_APPROVAL = 3;
    /**
     * The run was interrupted (Ctrl-C, SIGTERM) and recorded as cancelled: 128 + SIGINT, the shell's
     * convention, which is also what the JVM exits with after such a signal.
     */
    public static final int INTERRUPTED = 130;

    private ExitCode() {}
}
