package io.vigil.monitor.fanout;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.LongAdder;

/**
 * A microbenchmark, not a test: fans messages out to clients whose sends complete at once, and reports messages
 * delivered (one message to one client) per second. Run after {@code mvn test-compile} from monitor-gateway:
 *
 * <pre>{@code
 * java -cp target/test-classes:target/classes io.vigil.monitor.fanout.FanOutThroughput [clients] [messages] [publishers]
 * }</pre>
 *
 * Defaults: 5,000 clients on {@code monitor}, 2,000 messages of ~200 bytes, one publishing thread (the Kafka consumer).
 * It measures the hub alone: routing, filter, queue, the send loop; not JSON writing or the WebSocket.
 */
public final class FanOutThroughput {

    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    private FanOutThroughput() {
    }

    public static void main(String[] args) throws Exception {
        int clients = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
        int messages = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
        int publishers = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        String text = "{\"type\":\"run.updated\",\"id\":\"0b7e1c9a-0000-4000-8000-000000000000\","
                + "\"subject\":\"42\",\"seq\":7,"
                + "\"data\":{\"run_id\":\"42\",\"pipeline\":\"build\",\"project\":\"demo\",\"status\":\"running\"},"
                + "\"timestamp\":\"2024-01-01T00:00:00Z\"}";

        System.out.printf("%d clients, %d messages, %d publisher thread(s), %d cores%n", clients, messages, publishers,
                Runtime.getRuntime().availableProcessors());
        for (int round = 1; round <= 8; round++) {
            LongAdder delivered = new LongAdder();
            Hub hub = new Hub();
            ClientSink sink = new ClientSink() {
                @Override
                public CompletionStage<Void> send(String message) {
                    delivered.increment();
                    return DONE;
                }

                @Override
                public void close(int code, String reason) {
                    throw new IllegalStateException("closed " + reason);
                }
            };
            for (int i = 0; i < clients; i++) {
                hub.connect(sink).subscribe(Channel.MONITOR, Filter.EVERYTHING);
            }
            Thread[] threads = new Thread[publishers];
            long start = System.nanoTime();
            for (int p = 0; p < publishers; p++) {
                threads[p] = new Thread(() -> {
                    for (int m = 0; m < messages / publishers; m++) {
                        hub.publish(Publication.to(Channel.MONITOR).type("run.updated").project("demo")
                                .encodedBy(() -> text));
                    }
                });
                threads[p].start();
            }
            for (Thread thread : threads) {
                thread.join();
            }
            long nanos = System.nanoTime() - start;
            long expected = (long) clients * (messages / publishers) * publishers;
            if (delivered.sum() != expected) {
                throw new IllegalStateException("delivered " + delivered.sum() + " of " + expected);
            }
            double seconds = nanos / 1e9;
            System.out.printf("round %d: %,d deliveries in %.3f s = %,.0f messages delivered/s (%,.0f publications/s)%n",
                    round, expected, seconds, expected / seconds, messages / seconds);
        }
    }
}
