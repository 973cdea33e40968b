package io.vigil.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What {@code up} checks before it starts anything, so that a mistake costs a clear line, not a broken stack. */
public final class Preflight {

    private final StackOptions options;
    private final Path root;
    private final StackFile stackFile;

    public Preflight(StackOptions options, Path root, StackFile stackFile) {
        this.options = options;
        this.root = root;
        this.stackFile = stackFile;
    }

    /** The first problem found, or empty when the stack can start. */
    public Optional<String> problem() {
        return alreadyRunning().or(this::missingJars).or(this::busyPorts);
    }

    private Optional<String> alreadyRunning() {
        try {
            return stackFile.read()
                    .filter(state -> ProcessHandle.of(state.pid()).map(ProcessHandle::isAlive).orElse(false))
                    .map(state -> "a stack is already running from " + options.dataDir() + " (pid " + state.pid()
                            + "); stop it with 'deploy/local/vigil down" + dataDirArgument() + "'");
        } catch (UncheckedIOException e) {
            return Optional.empty();
        }
    }

    private Optional<String> missingJars() {
        List<String> missing = new ArrayList<>();
        for (Service service : Service.values()) {
            Path jar = service.runJar(root);
            if (!Files.isRegularFile(jar)) {
                missing.add(root.relativize(jar).toString());
            }
        }
        if (missing.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("the services are not built (missing " + String.join(", ", missing) + " under " + root
                + "); build first with './mvnw -B -DskipTests install' at the repository root,"
                + " or run 'deploy/local/vigil up' without --no-build");
    }

    private Optional<String> busyPorts() {
        for (Service service : Service.values()) {
            int port = options.ports().of(service);
            if (!isFree(port)) {
                return Optional.of("port " + port + " for " + service.directory() + " is in use by another program;"
                        + " stop it or choose other ports with --ports-from N");
            }
        }
        return Optional.empty();
    }

    static boolean isFree(int port) {
        try (ServerSocket ignored = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private String dataDirArgument() {
        return options.dataDir().equals(root.resolve(".vigil")) ? "" : " --data-dir " + options.dataDir();
    }
}
