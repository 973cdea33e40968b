package io.vigil.monitor.fanout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/** A transport for tests: records what it was sent and when it was closed; completes sends as told. */
final class FakeSink implements ClientSink {

    enum Mode {
        /** completes every send before returning */
        IMMEDIATE,
        /** completes sends only when the test says so */
        MANUAL,
        /** never completes a send */
        NEVER,
        /** every send fails */
        FAILING,
        /** send throws */
        THROWING,
        /** completes each send on an executor */
        ASYNC
    }

    private volatile Mode mode;
    private final Executor executor;
    private final List<String> sent = new ArrayList<>();
    private final ConcurrentLinkedQueue<CompletableFuture<Void>> outstanding = new ConcurrentLinkedQueue<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger mostInFlight = new AtomicInteger();
    private volatile int closeCode;
    private volatile String closeReason;

    private FakeSink(Mode mode, Executor executor) {
        this.mode = mode;
        this.executor = executor;
    }

    static FakeSink immediate() {
        return new FakeSink(Mode.IMMEDIATE, null);
    }

    static FakeSink manual() {
        return new FakeSink(Mode.MANUAL, null);
    }

    static FakeSink never() {
        return new FakeSink(Mode.NEVER, null);
    }

    static FakeSink failing() {
        return new FakeSink(Mode.FAILING, null);
    }

    static FakeSink throwing() {
        return new FakeSink(Mode.THROWING, null);
    }

    static FakeSink async(Executor executor) {
        return new FakeSink(Mode.ASYNC, executor);
    }

    void mode(Mode mode) {
        this.mode = mode;
    }

    @Override
    public CompletionStage<Void> send(String text) {
        if (mode == Mode.THROWING) {
            throw new IllegalStateException("connection reset");
        }
        synchronized (sent) {
            sent.add(text);
        }
        mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        switch (mode) {
            case IMMEDIATE:
                inFlight.decrementAndGet();
                return CompletableFuture.completedFuture(null);
            case FAILING:
                inFlight.decrementAndGet();
                return CompletableFuture.failedFuture(new IllegalStateException("broken pipe"));
            case ASYNC:
                return CompletableFuture.runAsync(inFlight::decrementAndGet, executor);
            default:
                CompletableFuture<Void> future = new CompletableFuture<>();
                outstanding.add(future);
                return future;
        }
    }

    /** Completes the oldest outstanding send; false when none is. */
    boolean completeOne() {
        CompletableFuture<Void> future = outstanding.poll();
        if (future == null) {
            return false;
        }
        inFlight.decrementAndGet();
        future.complete(null);
        return true;
    }

    /** Completes sends until none is outstanding, including those the completions start. */
    int completeAll() {
        int completed = 0;
        while (completeOne()) {
            completed++;
        }
        return completed;
    }

    int outstanding() {
        return outstanding.size();
    }

    /** The most sends this sink ever had outstanding at once, the lagging message aside. */
    int mostInFlight() {
        return mostInFlight.get();
    }

    List<String> sent() {
        synchronized (sent) {
            return List.copyOf(sent);
        }
    }

    int sentCount() {
        synchronized (sent) {
            return sent.size();
        }
    }

    @Override
    public void close(int code, String reason) {
        closeCode = code;
        closeReason = reason;
    }

    boolean closed() {
        return closeReason != null;
    }

    int closeCode() {
        return closeCode;
    }

    String closeReason() {
        return closeReason;
    }
}
