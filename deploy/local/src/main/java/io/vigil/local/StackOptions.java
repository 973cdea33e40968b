package io.vigil.local;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/** The launcher's command line, read into what {@code up} and {@code down} need. */
public record StackOptions(Command command, boolean demo, Path dataDir, Ports ports, String dbPrefix) {

    public static final String USAGE = String.join("\n",
            "usage: vigil up [--demo] [--data-dir DIR] [--ports-from N] [--db-prefix P]",
            "       vigil down [--data-dir DIR]");

    private static final Pattern DB_PREFIX = Pattern.compile("[a-z_][a-z0-9_]{0,40}");

    /** What the launcher is asked to do. */
    public enum Command { UP, DOWN }

    /**
     * Reads {@code args}; options take their value as the next argument or after {@code =}.
     *
     * @throws IllegalArgumentException naming the bad argument
     */
    public static StackOptions parse(List<String> args, Path root) {
        if (args.isEmpty()) {
            throw new IllegalArgumentException("missing command");
        }
        Command command = switch (args.get(0)) {
            case "up" -> Command.UP;
            case "down" -> Command.DOWN;
            default -> throw new IllegalArgumentException("unknown command '" + args.get(0) + "'");
        };
        boolean demo = false;
        Path dataDir = root.resolve(".vigil");
        Ports ports = Ports.defaults();
        String dbPrefix = "vigil_";
        for (int i = 1; i < args.size(); i++) {
            String arg = args.get(i);
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            if (command == Command.DOWN && !name.equals("--data-dir")) {
                throw new IllegalArgumentException("unknown option '" + arg + "' for down");
            }
            switch (name) {
                case "--demo" -> {
                    if (!name.equals(arg)) {
                        throw new IllegalArgumentException("--demo takes no value");
                    }
                    demo = true;
                }
                case "--data-dir" -> {
                    String value = value(args, i, arg);
                    i += name.equals(arg) ? 1 : 0;
                    dataDir = Path.of(value).toAbsolutePath().normalize();
                }
                case "--ports-from" -> {
                    String value = value(args, i, arg);
                    i += name.equals(arg) ? 1 : 0;
                    ports = Ports.from(number(value));
                }
                case "--db-prefix" -> {
                    dbPrefix = value(args, i, arg);
                    i += name.equals(arg) ? 1 : 0;
                    if (!DB_PREFIX.matcher(dbPrefix).matches()) {
                        throw new IllegalArgumentException("--db-prefix must be lower-case letters, digits and _, got '"
                                + dbPrefix + "'");
                    }
                }
                default -> throw new IllegalArgumentException("unknown option '" + arg + "'");
            }
        }
        return new StackOptions(command, demo, dataDir, ports, dbPrefix);
    }

    /** The database of {@code service} in this stack. */
    public String database(Service service) {
        return dbPrefix + service.database();
    }

    private static String value(List<String> args, int i, String arg) {
        int eq = arg.indexOf('=');
        if (eq >= 0) {
            return arg.substring(eq + 1);
        }
        if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
            throw new IllegalArgumentException(arg + " needs a value");
        }
        return args.get(i + 1);
    }

    private static int number(String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--ports-from needs a port number, got '" + value + "'");
        }
    }
}
