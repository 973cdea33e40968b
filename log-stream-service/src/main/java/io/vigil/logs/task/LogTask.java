package io.vigil.logs.task;

import java.time.Instant;
import java.util.Optional;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.vigil.logs.tail.Checkpoint;
import io.vigil.logs.tail.FileIdentity;

/** A task whose log is tailed: how many lines it has, and the checkpoint its reading goes on from. */
@Entity
public class LogTask extends PanacheEntityBase {

    @Id
    public String id;
    public String path;
    public long lines;
    public Long fileDevice;
    public Long fileInode;
    public Long fileHeadLength;
    public String fileHeadHash;
    public long position;
    public Instant createdAt;
    public Instant updatedAt;

    static LogTask create(String id, String path, Instant now) {
        LogTask task = new LogTask();
        task.id = id;
        task.path = path;
        task.createdAt = now;
        task.updatedAt = now;
        return task;
    }

    /** The task, locked for this transaction: one writer at a time appends to its sequence. */
    static Optional<LogTask> locked(String id) {
        return Optional.ofNullable(LogTask.getEntityManager().find(LogTask.class, id, LockModeType.PESSIMISTIC_WRITE));
    }

    Checkpoint checkpoint() {
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
}
