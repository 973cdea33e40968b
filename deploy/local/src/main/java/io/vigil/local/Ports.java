package io.vigil.local;

/** The ports of one stack: a service on each of base..base+3 and the broker on base+9. */
public record Ports(int gateway, int ingest, int pipeline, int logs, int kafka) {

    static final int BROKER_OFFSET = 9;

    public static Ports defaults() {
        return new Ports(8080, 8081, 8082, 8083, 9092);
    }

    /** Ports counted from {@code base}; rejects a base whose range leaves 1..65535. */
    public static Ports from(int base) {
        if (base < 1 || base + BROKER_OFFSET > 65535) {
            throw new IllegalArgumentException("--ports-from must be between 1 and " + (65535 - BROKER_OFFSET) + ", got " + base);
        }
        return new Ports(base, base + 1, base + 2, base + 3, base + BROKER_OFFSET);
    }

    public int of(Service service) {
        return switch (service) {
            case GATEWAY -> gateway;
            case INGEST -> ingest;
            case PIPELINE -> pipeline;
            case LOGS -> logs;
        };
    }

    public String url(Service service) {
        return "http://127.0.0.1:" + of(service);
    }
}
