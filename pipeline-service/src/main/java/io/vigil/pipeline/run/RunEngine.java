package io.vigil.pipeline.run;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.vigil.events.Status;
import io.vigil.outbox.EventOutbox;
import io.vigil.pipeline.catalog.PipelineVersion;
import io.vigil.pipeline.config.PipelineConfig;
import io.vigil.pipeline.dag.NextSteps;
import io.vigil.pipeline.dag.RunProgress;
import io.vigil.pipeline.dag.StepState;
import io.vigil.pipeline.definition.PipelineDefinition;
import io.vigil.pipeline.definition.StepDefinition;
import io.vigil.pipeline.process.ProcessOutcome;
import io.vigil.pipeline.process.ProcessSpec;
import io.vigil.pipeline.process.StepLauncher;
import io.vigil.pipeline.process.StepProcess;

/**
 * Moves runs forward. Every decision about a run is taken in a transaction holding the run's row, so two
 * instances on one database never start the same step: a nudge skips a run another transaction holds (that one
 * is advancing it), a step's end waits for it. A step's process is spawned while the transaction that marks it
 * running commits, held at its gate (see {@link StepLauncher}), and let run once that commit is done, so the
 * fork is off the path from one step to the next and a step never runs unless its start is recorded. Their ends
 * come back here. A tick every second catches what no nudge covered (backoffs ending, cancels asked of another
 * instance).
 */
@ApplicationScoped
public class RunEngine {

    private static final Logger LOG = Logger.getLogger(RunEngine.class);
    /** This machine's name: a step's leftover process can only be stopped from the host it runs on. */
    static final String HOST = hostName();

    private final PipelineConfig config;
    private final EventOutbox outbox;
    private final TransactionSynchronizationRegistry transactions;
    private final StepLauncher launcher;
    private final String instance = UUID.randomUUID().toString();
    private final Map<RunStep.Key, StepProcess> processes = new ConcurrentHashMap<>();
    private final Map<UUID, Map<String, String>> secrets = new ConcurrentHashMap<>();
    private final Set<UUID> waiting = ConcurrentHashMap.newKeySet();
    /** Runs with ready steps the pools held back at their last decision. */
    private final Set<UUID> heldBack = ConcurrentHashMap.newKeySet();
    private final Map<PipelineVersion.Key, PipelineDefinition> definitions = new ConcurrentHashMap<>();
    /** One thread decides: decisions are short transactions, and one at a time keeps the pool counts exact. */
    private final ExecutorService decider = Executors.newSingleThreadExecutor(r -> new Thread(r, "vigil-run-engine"));
    private final ExecutorService starters = Executors.newFixedThreadPool(4, r -> new Thread(r, "vigil-step-starter"));
    private final Map<UUID, Queue<Ended>> ends = new ConcurrentHashMap<>();
    private final Set<UUID> endsWaiting = ConcurrentHashMap.newKeySet();
    private final StepPids pids = new StepPids(HOST);
    private final WarmStarts warmStarts;

    RunEngine(PipelineConfig config, EventOutbox outbox, TransactionSynchronizationRegistry transactions) {
        this.config = config;
        this.outbox = outbox;
        this.transactions = transactions;
        this.launcher = new StepLauncher(config.killGrace(), Clock.systemUTC());
        this.warmStarts = new WarmStarts(config.workers());
    }

    String instance() {
        return instance;
    }

    /**
     * Stops what a step lost with a dead instance left running, when that was on this host (a restart after kill
     * -9): true when there was a process tree to stop.
     */
    boolean stopLeftover(RunStep step) {
        return step.pid != null && HOST.equals(step.host) && step.startedAt != null
                && launcher.stopLeftover(step.pid, step.startedAt);
    }

    /** Secrets for a run's steps: kept in memory only, never stored, never in events or logs. */
    void holdSecrets(UUID runId, Map<String, String> values) {
        if (!values.isEmpty()) {
            secrets.put(runId, Map.copyOf(values));
        }
    }

    /**
     * Asks for the run to be advanced soon (after the caller's commit). Nudges for a run already waiting its turn
     * are one: however often a run is nudged, the decider's queue holds it once.
     */
    public void nudge(UUID runId) {
        if (waiting.add(runId)) {
            decider.execute(() -> {
                waiting.remove(runId); // before advancing: a nudge for a change made meanwhile queues another pass
                advance(runId);
            });
        }
    }

    /**
     * Nudges the open runs nothing else will: a run with a step running here is advanced when it ends, unless a
     * backoff of another of its steps is over meanwhile or the pools held steps of it back.
     */
    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        Set<UUID> running = new HashSet<>();
        processes.keySet().forEach(key -> running.add(key.runId()));
        QuarkusTransaction.requiringNew().run(() -> {
            Set<UUID> due = RunStep.runsWithRetriesDue(Instant.now());
            Run.open().stream().filter(id -> !running.contains(id) || due.contains(id) || heldBack.contains(id))
                    .forEach(this::nudge);
        });
        if (!running.isEmpty()) {
            decider.execute(() -> killCancelled(running));
        }
    }

    /** The definition the run pinned (cached: versions never change). */
    public PipelineDefinition definition(Run run) {
        return definition(run.pipelineId, run.version);
    }

    PipelineDefinition definition(UUID pipelineId, int version) {
        return definitions.computeIfAbsent(new PipelineVersion.Key(pipelineId, version),
                key -> PipelineDefinition.fromJson(PipelineVersion.<PipelineVersion>findById(key).definition));
    }

    private void advance(UUID runId) {
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                Run run = Run.lockedUnlessBusy(runId);
                if (run != null && !run.status.isTerminal()) {
                    decide(run, RunStep.of(runId), Instant.now(), new ArrayList<>());
                }
            });
        } catch (RuntimeException e) {
            LOG.errorf(e, "could not advance run %s; the next tick tries again", runId);
        }
    }

    /** A step's process ended: queued with the run's other ends, all recorded and followed up in one transaction. */
    private void finished(RunStep.Key key, int attempt, ProcessOutcome outcome) {
        processes.remove(key);
        UUID runId = key.runId();
        ends.computeIfAbsent(runId, id -> new ConcurrentLinkedQueue<>()).add(new Ended(key, attempt, outcome));
        if (endsWaiting.add(runId)) {
            decider.execute(() -> {
                endsWaiting.remove(runId); // before draining: an end queued meanwhile schedules another pass
                recordEnds(runId);
            });
        }
    }

    private record Ended(RunStep.Key key, int attempt, ProcessOutcome outcome) {
    }

    /**
     * Records every queued end of the run and decides what follows, in one transaction: a fan of steps ending
     * together costs one commit, not one each.
     */
    private void recordEnds(UUID runId) {
        Queue<Ended> queue = ends.getOrDefault(runId, new ConcurrentLinkedQueue<>());
        List<Ended> batch = new ArrayList<>();
        for (Ended e; (e = queue.poll()) != null; ) {
            batch.add(e);
        }
        if (batch.isEmpty()) {
            return;
        }
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                Run run = Run.locked(runId);
                Instant now = Instant.now();
                List<RunStep> steps = RunStep.of(runId); // all of them, in one query: the decision needs them anyway
                Map<RunStep.Key, RunStep> byKey = new HashMap<>();
                steps.forEach(step -> byKey.put(step.key, step));
                List<EventOutbox.Draft> events = new ArrayList<>();
                for (Ended ended : batch) {
                    RunStep step = byKey.get(ended.key());
                    if (step != null && step.state == StepState.RUNNING && step.attempt == ended.attempt() && instance.equals(step.owner)) {
                        end(step, ended.outcome(), definition(run).step(ended.key().name()).orElseThrow(), now);
                        events.add(RunEvents.step(step, now));
                    }
                }
                decide(run, steps, now, events);
            });
        } catch (RuntimeException e) {
            LOG.errorf(e, "could not record the end of %d steps of run %s; they are lost with this attempt", batch.size(),
                    runId);
        }
    }

    private static void end(RunStep step, ProcessOutcome outcome, StepDefinition definition, Instant now) {
        step.exitCode = outcome.exitCode();
        step.reason = outcome.reason();
        step.finishedAt = now;
        step.state = switch (outcome.ending()) {
            case EXITED -> outcome.exitCode() == 0 ? StepState.SUCCESS : StepState.FAILED;
            case TIMED_OUT -> StepState.TIMED_OUT;
            case CANCELLED -> StepState.CANCELLED;
            case FAILED_TO_START -> StepState.FAILED;
        };
        if ((step.state == StepState.FAILED || step.state == StepState.TIMED_OUT)
                && step.attempt <= definition.retries().count()) {
            step.state = StepState.PENDING; // the next attempt, once the backoff is over
            step.retryAt = now.plus(definition.retries().backoff());
        }
    }

    /**
     * Under the run's lock: skips what can no longer run, starts what is ready (unless paused or cancelled,
     * within the pools), and sets the run's status from its steps; publishes every change.
     */
    private void decide(Run run, List<RunStep> runSteps, Instant now, List<EventOutbox.Draft> events) {
        if (run.status.isTerminal()) {
            outbox.publish(events);
            warmStarts.keep(run.id, Map.of(), key -> null);
            return;
        }
        PipelineDefinition definition = definition(run);
        Map<String, RunStep> steps = new LinkedHashMap<>();
        runSteps.forEach(s -> steps.put(s.name(), s));
        if (run.cancelled) {
            steps.values().stream().filter(s -> s.state == StepState.PENDING).forEach(s -> {
                s.state = StepState.CANCELLED;
                s.finishedAt = now;
                events.add(RunEvents.step(s, now));
            });
        }
        NextSteps next = NextSteps.of(definition, states(steps));
        for (String name : next.skip()) {
            RunStep step = steps.get(name);
            step.state = StepState.SKIPPED;
            step.finishedAt = now;
            events.add(RunEvents.step(step, now));
        }
        List<Launch> launches = new ArrayList<>();
        boolean held = false;
        if (!run.paused && !run.cancelled) {
            long running = steps.values().stream().filter(s -> s.state == StepState.RUNNING).count();
            for (String name : next.ready()) {
                RunStep step = steps.get(name);
                if (step.retryAt != null && step.retryAt.isAfter(now)) {
                    continue;
                }
                if (running >= config.workersPerRun() || processes.size() + launches.size() >= config.workers()) {
                    held = true;
                    break;
                }
                step.state = StepState.RUNNING;
                step.attempt++;
                step.startedAt = now;
                step.finishedAt = null;
                step.exitCode = null;
                step.reason = null;
                step.retryAt = null;
                step.owner = instance;
                running++;
                events.add(RunEvents.step(step, now));
                launches.add(new Launch(step.key, step.attempt, definition.step(name).orElseThrow(), run.params));
            }
        }
        prepareAll(launches);
        if (held) {
            heldBack.add(run.id);
        } else {
            heldBack.remove(run.id);
        }
        RunProgress progress = RunProgress.of(definition, states(steps));
        Status status = run.cancelled && progress.status().isTerminal() && progress.status() != Status.FAILED
                ? Status.CANCELLED : progress.status();
        if (status != run.status) {
            run.status = status;
            run.finishedAt = status.isTerminal() ? now : null;
            events.add(RunEvents.run(run, now));
        }
        outbox.publish(events);
        if (status.isTerminal()) {
            secrets.remove(run.id);
            ends.remove(run.id);
        }
        Map<RunStep.Key, Launch> likely = likelyNext(run, status, definition, steps);
        warmStarts.keep(run.id, attempts(likely), key -> prepare(likely.get(key)));
    }

    /**
     * The steps that start next if the steps running now succeed and nothing is paused or cancelled meanwhile:
     * worth a warm shell each (see {@link WarmStarts}).
     */
    private static Map<RunStep.Key, Launch> likelyNext(Run run, Status status, PipelineDefinition definition,
            Map<String, RunStep> steps) {
        Map<RunStep.Key, Launch> likely = new HashMap<>();
        if (run.paused || run.cancelled || status.isTerminal()) {
            return likely;
        }
        Map<String, StepState> ifRunningSucceed = new HashMap<>();
        steps.forEach((name, step) -> ifRunningSucceed.put(name,
                step.state == StepState.RUNNING ? StepState.SUCCESS : step.state));
        for (String name : NextSteps.of(definition, ifRunningSucceed).ready()) {
            RunStep step = steps.get(name);
            if (step.retryAt == null) {
                likely.put(step.key, new Launch(step.key, step.attempt + 1, definition.step(name).orElseThrow(),
                        run.params));
            }
        }
        return likely;
    }

    private static Map<RunStep.Key, Integer> attempts(Map<RunStep.Key, Launch> launches) {
        Map<RunStep.Key, Integer> attempts = new HashMap<>();
        launches.forEach((key, launch) -> attempts.put(key, launch.attempt()));
        return attempts;
    }

    private static Map<String, StepState> states(Map<String, RunStep> steps) {
        Map<String, StepState> states = new HashMap<>();
        steps.forEach((name, step) -> states.put(name, step.state));
        return states;
    }

    /** A step marked running, to start once that is committed. */
    record Launch(RunStep.Key key, int attempt, StepDefinition step, String paramsJson) {
    }

    /**
     * Takes the launches' warm shells, or spawns their processes at their gates now, and opens each once this
     * transaction has committed, or closes it unopened when it rolled back.
     */
    private void prepareAll(List<Launch> launches) {
        if (launches.isEmpty()) {
            return;
        }
        Map<Launch, CompletableFuture<StepProcess>> prepared = new LinkedHashMap<>();
        launches.forEach(launch -> prepared.put(launch,
                warmStarts.take(launch.key(), launch.attempt()).orElseGet(() -> prepareLater(launch))));
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                boolean committed = status == jakarta.transaction.Status.STATUS_COMMITTED;
                prepared.forEach((launch, process) -> process.whenComplete((spawned, failure) -> {
                    if (!committed) {
                        if (spawned != null) {
                            spawned.cancel();
                        }
                    } else if (failure != null) {
                        LOG.warnf("step %s of run %s could not start: %s", launch.key().name(), launch.key().runId(),
                                failure.getMessage());
                        finished(launch.key(), launch.attempt(), notStarted(failure.getMessage()));
                    } else {
                        run(launch, spawned);
                    }
                }));
            }
        });
    }

    /** Spawns the launch's process at its gate on a starter thread: a fan of steps forks in parallel. */
    private CompletableFuture<StepProcess> prepareLater(Launch launch) {
        return CompletableFuture.supplyAsync(() -> prepare(launch), starters);
    }

    private StepProcess prepare(Launch launch) {
        UUID runId = launch.key().runId();
        Path logFile = config.runOutputDir().resolve(runId.toString()).resolve(launch.key().name())
                .resolve(launch.attempt() + ".log");
        Map<String, String> env = new HashMap<>(RunParams.fromJson(launch.paramsJson()));
        env.putAll(launch.step().env());
        env.put("VIGIL_RUN_ID", runId.toString());
        env.put("VIGIL_STEP", launch.key().name());
        ProcessSpec spec = new ProcessSpec(launch.step().run(), env, secrets.getOrDefault(runId, Map.of()),
                config.runWorkDir().resolve(runId.toString()),
                launch.step().workdir() == null ? Path.of(".") : Path.of(launch.step().workdir()), logFile,
                config.outputCap().asLongValue(), launch.step().timeout());
        return launcher.prepare(spec);
    }

    /** The step's start is committed: lets its process run, and follows it to its end. */
    private void run(Launch launch, StepProcess process) {
        processes.put(launch.key(), process);
        process.open();
        process.pid().ifPresent(pid -> pids.record(launch.key(), launch.attempt(), pid));
        process.outcome().whenComplete((outcome, failure) -> finished(launch.key(), launch.attempt(),
                failure == null ? outcome : notStarted(String.valueOf(failure))));
    }

    private static ProcessOutcome notStarted(String reason) {
        Instant now = Instant.now();
        return new ProcessOutcome(ProcessOutcome.Ending.FAILED_TO_START, null, reason, now, now, 0, false);
    }

    /** Kills the processes of runs cancelled through another instance: one query for all the runs running here. */
    private void killCancelled(Set<UUID> runs) {
        List<UUID> cancelled = QuarkusTransaction.requiringNew().call(() -> Run.<Run>list("id in ?1 and cancelled = true",
                runs).stream().map(r -> r.id).toList());
        cancelled.forEach(this::killProcessesOf);
    }

    /** Kills a run's processes on this instance now, rather than at the next tick. */
    void killProcessesOf(UUID runId) {
        processes.forEach((key, process) -> {
            if (key.runId().equals(runId)) {
                process.cancel();
            }
        });
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return System.getenv().getOrDefault("HOSTNAME", "localhost");
        }
    }

    @PreDestroy
    void stop() {
        warmStarts.closeAll();
        decider.shutdownNow();
        starters.shutdownNow();
        pids.stop();
        processes.values().forEach(StepProcess::cancel);
    }
}
