package io.vigil.logs.task;

/**
 * How far a task got, as its lines tell: the last percentage a line reported, and the last step marker
 * ({@code [n/m] text}, {@code Step n of m: text}). A step marker without a percentage counts the steps before
 * it as done: step 3 of 4 is 50 %. A task that succeeded is at 100 %.
 */
public record TaskProgress(Integer percent, Integer step, Integer steps, String stepText) {

    public static final TaskProgress NONE = new TaskProgress(null, null, null, null);
    static final int STEP_TEXT_LIMIT = 200;

    /** Where a line with these facts (any may be null) leaves the task. */
    public TaskProgress after(Integer linePercent, Integer lineStep, Integer lineSteps, String lineStepText) {
        if (lineStep != null && lineSteps != null) {
            int derived = (lineStep - 1) * 100 / lineSteps;
            return new TaskProgress(linePercent != null ? linePercent : derived, lineStep, lineSteps,
                    shorten(lineStepText));
        }
        return linePercent != null ? new TaskProgress(linePercent, step, steps, stepText) : this;
    }

    public TaskProgress succeeded() {
        return new TaskProgress(100, steps != null ? steps : step, steps, stepText);
    }

    private static String shorten(String text) {
        return text == null || text.length() <= STEP_TEXT_LIMIT ? text : text.substring(0, STEP_TEXT_LIMIT - 1) + "…";
    }
}
