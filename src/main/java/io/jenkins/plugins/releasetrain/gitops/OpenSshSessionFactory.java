package io.jenkins.plugins.releasetrain.gitops;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.RemoteSession2;
import org.eclipse.jgit.transport.SshSessionFactory;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.util.FS;

/**
 * Runs ssh URLs through the machine's OpenSSH client, so ssh needs no extra library (JGit's own ssh
 * support lives in separate modules that bring Apache MINA), honours the user's {@code ~/.ssh/config},
 * agent and known hosts, and takes a key by file reference. {@code BatchMode=yes}: it fails instead of
 * prompting, since nobody is there to answer.
 */
final class OpenSshSessionFactory extends SshSessionFactory {

    private final String command;
    private final Path identityFile;

    OpenSshSessionFactory(String command, Path identityFile) {
        this.command = command;
        this.identityFile = identityFile;
    }

    @Override
    public RemoteSession2 getSession(URIish uri, CredentialsProvider credentials, FS fs, int timeoutMillis) {
        return new Session(uri, timeoutMillis);
    }

    @Override
    public String getType() {
        return "openssh";
    }

    /** The ssh command line for one remote git command; separate so tests can check it without running ssh. */
    List<String> commandLine(URIish uri, String remoteCommand, Map<String, String> environment, int timeoutSeconds) {
        List<String> args = new ArrayList<>();
        args.add(command);
        args.add("-o");
        args.add("BatchMode=yes");
        if (timeoutSeconds > 0) {
            args.add("-o");
            args.add("ConnectTimeout=" + timeoutSeconds);
        }
        if (identityFile != null) {
            args.add("-i");
            args.add(identityFile.toString());
            args.add("-o");
            args.add("IdentitiesOnly=yes");
        }
        if (uri.getPort() > 0) {
            args.add("-p");
            args.add(Integer.toString(uri.getPort()));
        }
        String protocol = environment.get("GIT_PROTOCOL");
        if (protocol != null) {
            args.add("-o");
            args.add("SetEnv=GIT_PROTOCOL=" + protocol);
        }
        args.add(uri.getUser() == null ? uri.getHost() : uri.getUser() + "@" + uri.getHost());
        args.add(remoteCommand);
        return args;
    }

    private final class Session implements RemoteSession2 {
        private final URIish uri;
        private final int timeoutMillis;

        Session(URIish uri, int timeoutMillis) {
            this.uri = uri;
            this.timeoutMillis = timeoutMillis;
        }

        @Override
        public Process exec(String remoteCommand, int timeout) throws IOException {
            return exec(remoteCommand, Map.of(), timeout);
        }

        @Override
        public Process exec(String remoteCommand, Map<String, String> environment, int timeout) throws IOException {
            int seconds = Math.max(timeout, timeoutMillis / 1000);
            return new ProcessBuilder(commandLine(uri, remoteCommand, environment, seconds)).start();
        }

        @Override
        public void disconnect() {
            // Each exec is its own ssh process, which JGit's connection waits for and closes.
        }
    }
}
