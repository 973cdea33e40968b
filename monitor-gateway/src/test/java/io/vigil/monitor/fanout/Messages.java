package io.vigil.monitor.fanout;

import java.util.Set;

/** Publications and filters for tests; the text of a message names its seq so tests can read the order back. */
final class Messages {

    private Messages() {
    }

    static Publication message(Channel channel, long seq) {
        return Publication.to(channel).seq(seq).encodedBy(() -> text(seq));
    }

    static Publication event(Channel channel, String type, String project, String text) {
        return Publication.to(channel).type(type).project(project).encodedBy(() -> text);
    }

    static String text(long seq) {
        return "{\"seq\":" + seq + "}";
    }

    static Filter filter(Set<String> projects, Set<String> types) {
        return new Filter(projects, types);
    }
}
