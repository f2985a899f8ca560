package dev.redrive.cli.serve;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * An output stream of UTF-8 text that passes each complete line on to a {@link PrintWriter} and
 * flushes it: the decision log writes to a stream, the command's stderr is a writer.
 */
final class LineWriterStream extends OutputStream {
  private final PrintWriter writer;
  private final ByteArrayOutputStream line = new ByteArrayOutputStream();

  LineWriterStream(PrintWriter writer) {
    this.writer = Objects.requireNonNull(writer, "writer");
  }

  @Override
  public synchronized void write(int b) {
    line.write(b);
    if (b == '\n') {
      flushLine();
    }
  }

  @Override
  public synchronized void write(byte[] bytes, int offset, int length) {
    int start = offset;
    for (int i = offset; i < offset + length; i++) {
      if (bytes[i] == '\n') {
        line.write(bytes, start, i + 1 - start);
        flushLine();
        start = i + 1;
      }
    }
    line.write(bytes, start, offset + length - start);
  }

  /** Passes on what is left of an unfinished line too. */
  @Override
  public synchronized void flush() {
    if (line.size() > 0) {
      flushLine();
    }
  }

  @Override
  public void close() {
    flush();
  }

  private void flushLine() {
    writer.print(line.toString(StandardCharsets.UTF_8));
    writer.flush();
    line.reset();
  }
}
