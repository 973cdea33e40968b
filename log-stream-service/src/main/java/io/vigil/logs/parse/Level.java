package io.vigil.logs.parse;

/** How serious a log line is, with {@link #SUCCESS} for a line that reports something done. */
public enum Level {
    DEBUG, INFO, WARN, ERROR, SUCCESS
}
