package dev.redrive.simulator.events;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Appends each event to a file as one line of JSON ({@code redrive serve --events-file}), flushed
 * per event so that a reader tailing the file sees every event as soon as it is published.
 */
public final class JsonLinesFileSink implements EventSink {
  private final Path file;
  private final BufferedWriter writer;

  /**
   * Opens the file for appending, creating it (and its parent folders) when missing.
   *
   * @throws UncheckedIOException when the file cannot be opened
   */
  public JsonLinesFileSink(Path file) {
    this.file = file;
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      this.writer =
          Files.newBufferedWriter(
              file,
              StandardCharsets.UTF_8,
              StandardOpenOption.CREATE,
              StandardOpenOption.APPEND,
              StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open events file " + file, e);
    }
  }

  @Override
  public synchronized void accept(String json) {
    try {
      writer.write(json);
      writer.newLine();
      writer.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write to events file " + file, e);
    }
  }

  @Override
  public synchronized void close() {
    try {
      writer.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close events file " + file, e);
    }
  }
}
