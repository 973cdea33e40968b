package io.vigil.logs.task;

import java.time.Instant;
import java.util.Optional;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.vigil.events.Status;
import io.vigil.logs.source.LogSource;
import io.vigil.logs.tail.Checkpoint;
import io.vigil.logs.tail.FileIdentity;

/**
 * A task whose log is tailed: how many lines it has, the checkpoint its reading goes on from, how far it got and
 * how it ended. An end is first reported ({@code ended*}: the process exited, the step ended) and becomes the
 * task's status only once its log was read to the end.
 */
@Entity
public class LogTask extends PanacheEntityBase {

    @Id
    public String id;
    public String kind;
    public String source;
    public String path;
    public String template;
    public String params;
    public long lines;
    public Long fileDevice;
    public Long fileInode;
    public Long fileHeadLength;
    public String fileHeadHash;
    public long position;
    public String status;
    public Integer progress;
    public Integer step;
    public Integer steps;
    public String stepText;
    public Integer exitCode;
    public String error;
    public long masked;
    public String maskState;
    public long bytes;
    public String endedStatus;
    public Instant endedAt;
    public Instant startedAt;
    public Instant finishedAt;
    public Instant createdAt;
    public Instant updatedAt;

    static LogTask create(String id, LogSource.Kind kind, String source, String path, Instant now) {
        LogTask task = new LogTask();
        task.id = id;
        task.kind = kind.wire();
        task.source = source;
        task.path = path;
        task.status = Status.RUNNING.wire();
        task.startedAt = now;
        task.createdAt = now;
        task.updatedAt = now;
        return task;
    }

    /** The task, locked for this transaction: one writer at a time appends to its sequence. */
    static Optional<LogTask> locked(String id) {
        return Optional.ofNullable(LogTask.getEntityManager().find(LogTask.class, id, LockModeType.PESSIMISTIC_WRITE));
    }

    public Status state() {
        return Status.fromWire(status);
    }

    public boolean finished() {
        return finishedAt != null;
    }

    public Checkpoint checkpoint() {
        FileIdentity file = fileDevice == null ? null
                : new FileIdentity(fileDevice, fileInode, fileHeadLength, fileHeadHash);
        return new Checkpoint(file, position, lines + 1);
    }

    void moveTo(Checkpoint checkpoint, Instant now) {
        FileIdentity file = checkpoint.file();
        fileDevice = file == null ? null : file.device();
        fileInode = file == null ? null : file.inode();
        fileHeadLength = file == null ? null : file.headLength();
        fileHeadHash = file == null ? null : file.headHash();
        position = checkpoint.position();
        lines = checkpoint.nextLine() - 1;
        updatedAt = now;
    }

    /** How far the task got, as its lines told. */
    TaskProgress progress() {
        return new TaskProgress(progress, step, steps, stepText);
    }

    void progress(TaskProgress reached) {
        progress = reached.percent();
        step = reached.step();
        steps = reached.steps();
        stepText = reached.stepText();
    }
}
