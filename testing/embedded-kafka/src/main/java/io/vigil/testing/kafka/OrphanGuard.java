package io.vigil.testing.kafka;

import java.util.Arrays;

/**
 * Ends a child JVM when the process that started it is gone, so that a killed test run or stack never
 * leaves a broker or service behind. As a main class it wraps another one:
 * {@code java -cp … io.vigil.testing.kafka.OrphanGuard <main class> [args…]}.
 */
public final class OrphanGuard {

    private OrphanGuard() {
    }

    /** Starts watching the parent; {@code System.exit} runs the child's shutdown hooks for a clean stop. */
    public static void exitWhenParentExits() {
        ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> {
            System.err.println("parent process " + parent.pid() + " is gone; stopping");
            System.exit(143);
        }));
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: OrphanGuard <main class> [args…]");
            System.exit(2);
        }
        exitWhenParentExits();
        Class.forName(args[0]).getMethod("main", String[].class)
                .invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
    }
}
