package io.vigil.local;

import java.util.Map;

/**
 * What {@code stack.json} records of a running stack: the launcher's pid (for {@code down}), whether all
 * services are ready, the ports, the broker, and every child's pid (for tests that check none is left).
 */
public record StackState(long pid, boolean ready, String bootstrapServers, Ports ports, Map<String, Long> pids) {
}
