package dev.redrive.simulator.events;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Appends each event to a file as one line of JSON ({@code redrive serve --events-file}), flushed
 * per event (one write call, no buffer in between) so that a reader tailing the file sees every
 * event as soon as it is published, and a failed write leaves nothing behind to be written later.
 *
 * <p>Events carry execution input and output, so a file this sink creates is readable and writable
 * by its owner only ({@code 0600}, where the file system has POSIX permissions); a file that exists
 * is appended to as it is. The folder must exist: a mistyped path is an error, not a new folder.
 * Every write that fails throws, with the number of failed writes so far ({@link #failures()}), so
 * no lost event goes unreported.
 */
public final class JsonLinesFileSink implements EventSink {
  private static final Set<OpenOption> APPEND =
      Set.of(StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
  private static final FileAttribute<?> OWNER_ONLY =
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

  private final Path file;
  private final FileChannel channel;
  // Guarded by this.
  private long failures;

  /**
   * Opens the file for appending, creating it ({@code 0600}) when missing.
   *
   * @throws UncheckedIOException when the file cannot be opened; a {@link NoSuchFileException}
   *     naming the folder when its folder does not exist
   */
  public JsonLinesFileSink(Path file) {
    this.file = file;
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null && !Files.isDirectory(parent)) {
      throw new UncheckedIOException(
          "cannot open events file " + file,
          new NoSuchFileException(
              parent.toString(),
              null,
              "expected the folder "
                  + parent
                  + " to exist (it is not created), found "
                  + (Files.exists(parent) ? "something that is not a folder" : "nothing")));
    }
    try {
      this.channel =
          FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
              ? FileChannel.open(file, APPEND, OWNER_ONLY)
              : FileChannel.open(file, APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open events file " + file, e);
    }
  }

  /**
   * Appends one line.
   *
   * @throws UncheckedIOException when it cannot be written; the message says how many writes have
   *     failed so far
   */
  @Override
  public synchronized void accept(String json) {
    ByteBuffer line = StandardCharsets.UTF_8.encode(json + "\n");
    try {
      while (line.hasRemaining()) {
        channel.write(line);
      }
    } catch (IOException e) {
      failures++;
      throw new UncheckedIOException(
          "cannot write to events file "
              + file
              + " ("
              + failures
              + (failures == 1 ? " event" : " events")
              + " lost so far): "
              + e.getMessage(),
          e);
    }
  }

  /** How many events could not be written. */
  public synchronized long failures() {
    return failures;
  }

  @Override
  public synchronized void close() {
    try {
      channel.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close events file " + file, e);
    }
  }
}
