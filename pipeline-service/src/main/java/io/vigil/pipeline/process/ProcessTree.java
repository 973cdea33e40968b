package io.vigil.pipeline.process;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every process of one step, stopped together: SIGTERM, a grace period, then SIGKILL for what is left.
 *
 * <p>A step is started through {@code setsid}, so its shell leads a process group (and session) of its own
 * whose id is its pid, and everything it starts stays in that group unless it leaves on purpose. Stopping
 * signals the group at once ({@code kill(-pgid, sig)}, atomic even while processes fork) and each member
 * found in {@code /proc}: the group's, and the root's descendants by parent links, including descendants that
 * left the group. Members are remembered from the first look, before any signal, because once a parent dies
 * its children are re-parented and no longer appear as descendants; {@link ProcessHandle}s are used for each
 * signal, so a pid reused meanwhile by an unrelated process is left alone. When the root has exited and its
 * group is empty, as after most steps, no look could reach anything and none is taken: reading all of
 * {@code /proc} costs milliseconds on a busy host.
 *
 * <p>Out of reach: a process that both left the group and was re-parented before the first look (a daemon
 * that double-forked and called setsid), and one in uninterruptible sleep, which dies when that ends.
 * Without {@code setsid} there is no group of the step's own, and only parent links are followed.
 */
final class ProcessTree {

    private static final long POLL_MILLIS = 20;

    private final ProcessHandle root;
    /** The step's own process group, or -1 when it has none (never the service's own group). */
    private final long group;

    ProcessTree(ProcessHandle root, boolean ownGroup) {
        this.root = root;
        this.group = ownGroup ? root.pid() : -1;
    }

    /**
     * Stops what is still running, waiting at most {@code grace} twice: for SIGTERM to be obeyed, then for SIGKILL
     * to take effect. Returns at once when nothing is left, as after a step that exited leaving nothing behind.
     */
    void terminate(Duration grace) {
        if (group > 0 && !root.isAlive() && !GroupSignals.anyLeft(group)) {
            return;
        }
        Set<ProcessHandle> seen = new HashSet<>();
        if (!signal(false, seen) || awaitGone(seen, grace)) {
            return;
        }
        signal(true, seen);
        awaitGone(seen, grace);
    }

    /** Signals every live member; false when there was none. */
    private boolean signal(boolean kill, Set<ProcessHandle> seen) {
        Members members = members(seen);
        if (members.alive().isEmpty()) {
            return false;
        }
        if (members.groupAlive()) {
            GroupSignals.signal(group, kill ? GroupSignals.SIGKILL : GroupSignals.SIGTERM); // atomic while they fork
        }
        members.alive().forEach(kill ? ProcessHandle::destroyForcibly : ProcessHandle::destroy);
        return true;
    }

    private boolean awaitGone(Set<ProcessHandle> seen, Duration grace) {
        long deadline = System.nanoTime() + grace.toNanos();
        while (!members(seen).alive().isEmpty()) {
            if (System.nanoTime() - deadline >= 0 || !pause()) {
                return false;
            }
        }
        return true;
    }

    /**
     * The live members now, adding them to {@code seen}: the root and the processes seen before while alive,
     * the group's members, and the descendants of all of these.
     */
    private Members members(Set<ProcessHandle> seen) {
        Map<Long, Stat> table = processTable();
        Set<Long> pids = new HashSet<>();
        seen.add(root);
        seen.stream().filter(ProcessHandle::isAlive).forEach(handle -> pids.add(handle.pid()));
        boolean groupAlive = false;
        for (Stat stat : table.values()) {
            if (stat.pgrp() == group) {
                pids.add(stat.pid());
                groupAlive = true;
            }
        }
        for (boolean grew = true; grew; ) {
            grew = false;
            for (Stat stat : table.values()) {
                grew |= pids.contains(stat.ppid()) && pids.add(stat.pid());
            }
        }
        pids.retainAll(table.keySet());
        List<ProcessHandle> alive = new ArrayList<>();
        pids.forEach(pid -> ProcessHandle.of(pid).ifPresent(alive::add));
        seen.addAll(alive);
        return new Members(alive, groupAlive);
    }

    /** Live processes by pid, from {@code /proc}; zombies are dead already and left out. */
    private static Map<Long, Stat> processTable() {
        Map<Long, Stat> table = new HashMap<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(Path.of("/proc"),
                entry -> entry.getFileName().toString().chars().allMatch(Character::isDigit))) {
            for (Path entry : entries) {
                Stat.read(entry).filter(stat -> stat.state() != 'Z').ifPresent(stat -> table.put(stat.pid(), stat));
            }
        } catch (IOException e) {
            // without /proc only the root is known; it is still stopped through its handle
        }
        return table;
    }

    /** Sleeps between looks; false when interrupted, which ends the waiting. */
    private static boolean pause() {
        try {
            Thread.sleep(POLL_MILLIS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private record Members(List<ProcessHandle> alive, boolean groupAlive) {
    }

    /** The fields of {@code /proc/<pid>/stat} needed here. */
    private record Stat(long pid, char state, long ppid, long pgrp) {

        static Optional<Stat> read(Path entry) {
            try {
                String text = new String(Files.readAllBytes(entry.resolve("stat")), ISO_8859_1);
                // "pid (comm) state ppid pgrp ...": comm may hold spaces and parentheses, so read after the last ')'
                String[] fields = text.substring(text.lastIndexOf(')') + 2).split(" ", 4);
                return Optional.of(new Stat(Long.parseLong(entry.getFileName().toString()), fields[0].charAt(0),
                        Long.parseLong(fields[1]), Long.parseLong(fields[2])));
            } catch (IOException | RuntimeException e) {
                return Optional.empty(); // ended while being looked at
            }
        }
    }
}
