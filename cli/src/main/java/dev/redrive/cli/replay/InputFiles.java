package dev.redrive.cli.replay;

import dev.redrive.cli.PolicyFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The files a replay reads: each file named, and in each folder named every {@code .json}, {@code
 * .jsonl} and {@code .ndjson} file below it (hidden ones aside), in path order; {@code -} stands
 * for standard input. What is in a folder but is neither a file nor a folder is reported.
 */
final class InputFiles {
  private InputFiles() {}

  /**
   * One file to read, or a path that cannot be read.
   *
   * @param path the file
   * @param problem why it cannot be read, or null
   */
  record Entry(Path path, String problem) {}

  /**
   * Why an entry of a folder that is neither a file nor a folder (a named pipe, a socket, a device,
   * a broken link) is not read: reading a pipe could wait for ever, and skipping it silently would
   * hide it.
   */
  static final String NOT_A_REGULAR_FILE =
      "not a regular file (a named pipe, socket, device or broken link): not read";

  /** The name that stands for standard input. */
  static final String STDIN = "-";

  /** The files to read for {@code paths}, in order, and the paths that cannot be read. */
  static List<Entry> expand(List<Path> paths) {
    List<Entry> entries = new ArrayList<>();
    for (Path path : paths) {
      if (path.toString().equals(STDIN)) {
        entries.add(new Entry(path, null));
      } else if (Files.isDirectory(path)) {
        try (Stream<Path> walk = Files.walk(path)) {
          walk.filter(file -> !isHidden(path, file) && !Files.isDirectory(file))
              .filter(file -> !Files.isRegularFile(file) || isEventFile(file))
              .sorted(Comparator.comparing(Path::toString))
              .forEach(
                  file ->
                      entries.add(
                          Files.isRegularFile(file)
                              ? new Entry(file, null)
                              : new Entry(file, NOT_A_REGULAR_FILE)));
        } catch (IOException | UncheckedIOException e) {
          IOException cause = e instanceof UncheckedIOException u ? u.getCause() : (IOException) e;
          entries.add(new Entry(path, "cannot read folder: " + PolicyFiles.describe(cause)));
        }
      } else if (Files.isRegularFile(path)) {
        entries.add(new Entry(path, null));
      } else if (Files.exists(path)) {
        entries.add(new Entry(path, "not a file or a folder"));
      } else {
        entries.add(new Entry(path, "no such file or folder"));
      }
    }
    return entries;
  }

  private static boolean isHidden(Path root, Path file) {
    for (Path part : root.relativize(file)) {
      if (part.toString().startsWith(".")) {
        return true;
      }
    }
    return false;
  }

  private static boolean isEventFile(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".json") || name.endsWith(".jsonl") || name.endsWith(".ndjson");
  }
}
