/**
 * The gateway's fan-out core: plain Java, no framework types, tested without Quarkus.
 *
 * <p>A {@link io.vigil.monitor.fanout.Hub} routes each {@link io.vigil.monitor.fanout.Publication} to the
 * {@link io.vigil.monitor.fanout.Connection}s subscribed to its {@link io.vigil.monitor.fanout.Channel}s
 * ({@code monitor}, {@code run:{runId}}, {@code logs:{taskId}}, {@code metrics}, {@code alerts}) whose
 * {@link io.vigil.monitor.fanout.Filter} accepts it. The text of a publication is written once, by the caller's
 * encoder, and only when some client takes it. Each connection has a bounded queue and sends through a
 * {@link io.vigil.monitor.fanout.ClientSink} one message at a time; a client that falls behind is dropped, never
 * waited for.
 *
 * <h2>What clients see from this package</h2>
 *
 * <ul>
 * <li><b>Lagging.</b> When one more live message would take a client past
 * {@link io.vigil.monitor.fanout.FanOutLimits#maxQueuedMessages()} or
 * {@link io.vigil.monitor.fanout.FanOutLimits#maxQueuedBytes()} (defaults 1,000 messages, 4 MiB of UTF-8), its queue
 * is dropped, it is sent {@code {"type":"lagging"}} (or the text given to the hub) ahead of anything still queued,
 * and closed with code {@code 4008}, reason {@code lagging} ({@link io.vigil.monitor.fanout.Disconnect#LAGGING}).
 * It reconnects with {@code from_seq}/{@code from_offset} and loses nothing. A single message larger than the byte
 * bound can never be queued: the client lags.</li>
 * <li><b>Send failure.</b> The client is closed with {@code 1011 send failed}; no one else is affected.</li>
 * <li><b>Full channel.</b> A {@code run:} or {@code logs:} channel serves at most
 * {@link io.vigil.monitor.fanout.FanOutLimits#maxClientsPerChannel()} clients (default 100); one more gets an
 * {@link io.vigil.monitor.fanout.Admission.Refused} whose reason reads, e.g., {@code run:42 already has 100 clients,
 * the most one run channel serves}.</li>
 * <li><b>Resuming.</b> {@link io.vigil.monitor.fanout.Connection#resume} subscribes live at once and buffers;
 * {@link io.vigil.monitor.fanout.Connection#replay} is given the owner's history and queues, in this order: the
 * recovery notice, history, then buffered live messages history did not cover
 * ({@link io.vigil.monitor.fanout.ReplaySwitch}). The notice the gateway writes from the
 * {@link io.vigil.monitor.fanout.Recovery} is, in the protocol's envelope:
 * <pre>{@code
 * {"type":"recovered","data":{"recovered":true,"from_seq":N},"timestamp":"…"}
 * {"type":"recovered","data":{"recovered":false,"from_seq":N,"missing":{"from":13,"to":14}},"timestamp":"…"}
 * }</pre>
 * {@code from} and {@code to} are inclusive seqs (line offsets on {@code /ws/logs}); the range may be wider than
 * the real hole, never narrower. A client that gets {@code recovered:false} fetches the range over REST or reloads.
 * </li>
 * </ul>
 *
 * <h2>Threads</h2>
 *
 * Publish from the Kafka consumer threads, subscribe and close from connection threads; sink completions arrive on
 * I/O threads. There is no global lock: channels are copy-on-write arrays in a concurrent map, and each connection
 * guards its own queue.
 */
package io.vigil.monitor.fanout;
