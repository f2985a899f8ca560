package dev.redrive.cli.replay;

import dev.redrive.cli.BadInputException;
import dev.redrive.policy.EventParser;
import dev.redrive.policy.ExecutionEvent;
import dev.redrive.policy.MalformedEventException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the one event of a file for {@code policy explain} with replay's reader, so that both
 * commands accept the same input: a UTF-8 byte-order mark, any JSON layout of one event (an object,
 * a one-element array, one JSON line); and refuse the same: an empty file, text after the event,
 * malformed or overlong UTF-8, UTF-16 and UTF-32, anything but a regular file.
 */
public final class EventFiles {
  private EventFiles() {}

  /**
   * The one event in {@code file}.
   *
   * @throws BadInputException if the file cannot be read, holds no event or more than one, or
   *     anything malformed, with {@code file:line} and what was expected and found
   */
  public static ExecutionEvent readOne(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new BadInputException(
          "cannot read event "
              + file
              + ": "
              + (Files.exists(file) ? "not a regular file" : "no such file"));
    }
    List<ExecutionEvent> events = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    Decider read =
        (value, index) -> {
          try {
            return new Outcome.Read(EventParser.fromTree(value));
          } catch (MalformedEventException e) {
            return new Outcome.Malformed(e.getMessage());
          }
        };
    try (EventReader reader = new EventReader(read, 1)) {
      reader.read(
          file,
          file.toString(),
          (source, outcome) -> {
            if (outcome instanceof Outcome.Read event) {
              events.add(event.event());
            } else if (outcome instanceof Outcome.Malformed malformed) {
              problems.add(source + ": " + malformed.message());
            }
          });
    }
    if (!problems.isEmpty()) {
      throw new BadInputException("malformed event " + String.join("\n", problems));
    }
    if (events.size() != 1) {
      throw new BadInputException(
          "expected one event in " + file + ", found " + events.size() + " (use replay for many)");
    }
    return events.get(0);
  }
}
