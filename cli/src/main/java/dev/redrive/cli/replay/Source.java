package dev.redrive.cli.replay;

import java.util.Objects;

/**
 * Where an event was read: a file and the 1-based line its JSON value starts on.
 *
 * @param file the file, as the user named it (or the folder they named, joined with its path
 *     inside)
 * @param line the 1-based line
 */
record Source(String file, long line) {
  Source {
    Objects.requireNonNull(file, "file");
    if (line < 1) {
      throw new IllegalArgumentException("line must be >= 1, was " + line);
    }
  }

  /** {@code file:line}, as in replay's output ({@code events/a.jsonl:17}). */
  @Override
  public String toString() {
    return file + ":" + line;
  }
}
