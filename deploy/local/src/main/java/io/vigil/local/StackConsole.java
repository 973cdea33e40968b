package io.vigil.local;

import java.io.PrintStream;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The stack's one output: every line of every child, prefixed with a fixed-width tag so that the
 * interleaved log stays readable; coloured only on a terminal.
 */
public final class StackConsole {

    static final int TAG_WIDTH = 8;
    private static final String RESET = "\u001b[0m";
    private static final Map<String, String> COLOURS = Map.of(
            "kafka", "\u001b[33m", "ingest", "\u001b[36m", "pipeline", "\u001b[35m", "logs", "\u001b[34m",
            "gateway", "\u001b[32m", "demo", "\u001b[90m", "vigil", "\u001b[1m");

    private final PrintStream out;
    private final boolean colour;

    public StackConsole(PrintStream out, boolean colour) {
        this.out = out;
        this.colour = colour;
    }

    /** The console of this JVM: colour when attached to a terminal. */
    public static StackConsole system() {
        return new StackConsole(System.out, System.console() != null);
    }

    public void line(String tag, String text) {
        String prefix = prefix(tag);
        synchronized (out) {
            out.println(prefix + text);
            out.flush();
        }
    }

    /** Several lines written together, so that no child's output lands between them. */
    public void block(String tag, Iterable<String> lines) {
        String prefix = prefix(tag);
        synchronized (out) {
            lines.forEach(l -> out.println(prefix + l));
            out.flush();
        }
    }

    public Consumer<String> tagged(String tag) {
        return text -> line(tag, text);
    }

    /** The tag padded to {@link #TAG_WIDTH} and the separator: {@code "ingest  | "}. */
    static String pad(String tag) {
        String name = tag.length() > TAG_WIDTH ? tag.substring(0, TAG_WIDTH) : tag;
        return name + " ".repeat(TAG_WIDTH - name.length()) + "| ";
    }

    private String prefix(String tag) {
        String plain = pad(tag);
        return colour ? COLOURS.getOrDefault(tag, "") + plain + RESET : plain;
    }
}
