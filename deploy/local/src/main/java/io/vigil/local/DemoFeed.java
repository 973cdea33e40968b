package io.vigil.local;

import java.util.concurrent.ScheduledExecutorService;

/** One kind of made-up traffic the demo sends into the stack, on the demo's scheduler. */
public interface DemoFeed {

    void start(ScheduledExecutorService scheduler);
}
