package io.bayestune.notebooks;

/**
 * One cell of a notebook.
 *
 * @param number the cell's position in its notebook, from 1, counting markdown cells, as a user counts
 * @param code true for a Scala cell the harness runs, false for markdown
 * @param text the cell's source without its magic line ({@code %spark}, {@code %md}, {@code // MAGIC})
 */
record NotebookCell(int number, boolean code, String text) {
}
