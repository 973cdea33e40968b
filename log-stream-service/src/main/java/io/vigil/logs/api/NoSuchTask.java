package io.vigil.logs.api;

/** No task has this id (never had, or retention removed it). */
class NoSuchTask extends RuntimeException {

    NoSuchTask(String id) {
        super("no task " + id);
    }
}
