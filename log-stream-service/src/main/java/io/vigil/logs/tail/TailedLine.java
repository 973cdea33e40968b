package io.vigil.logs.tail;

/** A line of a tailed path: its number in the path's one gap-free sequence (1, 2, 3 … across rotations). */
public record TailedLine(long number, String text) {
}
