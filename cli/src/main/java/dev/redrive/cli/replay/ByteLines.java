package dev.redrive.cli.replay;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a byte stream into lines without decoding them: each line is a range of a reused buffer,
 * valid until the next call, without its {@code \n} or {@code \r\n}, and without the UTF-8
 * byte-order mark on the first line. The buffer grows only as far as the longest line.
 */
final class ByteLines {
  private static final int INITIAL_SIZE = 1 << 16;

  private final InputStream in;
  private byte[] buffer = new byte[INITIAL_SIZE];
  private int start;
  private int end;
  private boolean eof;
  private boolean first = true;
  private int lineStart;
  private int lineLength;

  ByteLines(InputStream in) {
    this.in = in;
  }

  /** Moves to the next line; false at the end of the stream. */
  boolean next() throws IOException {
    int scanned = 0; // bytes after start already known not to be '\n'
    while (true) {
      for (int i = start + scanned; i < end; i++) {
        if (buffer[i] == '\n') {
          setLine(start, i);
          start = i + 1;
          return true;
        }
      }
      if (eof) {
        if (start < end) {
          setLine(start, end);
          start = end;
          return true;
        }
        return false;
      }
      scanned = end - start;
      fill();
    }
  }

  /** Reads more bytes, moving the current partial line to the front or growing the buffer. */
  private void fill() throws IOException {
    if (start > 0) {
      System.arraycopy(buffer, start, buffer, 0, end - start);
      end -= start;
      start = 0;
    }
    if (end == buffer.length) {
      buffer = Arrays.copyOf(buffer, buffer.length * 2);
    }
    int n = in.read(buffer, end, buffer.length - end);
    if (n < 0) {
      eof = true;
    } else {
      end += n;
    }
  }

  private void setLine(int from, int to) {
    if (to > from && buffer[to - 1] == '\r') {
      to--;
    }
    if (first) {
      first = false;
      if (to - from >= 3
          && buffer[from] == (byte) 0xEF
          && buffer[from + 1] == (byte) 0xBB
          && buffer[from + 2] == (byte) 0xBF) {
        from += 3;
      }
    }
    lineStart = from;
    lineLength = to - from;
  }

  /** The buffer holding the current line. */
  byte[] buffer() {
    return buffer;
  }

  /** Where the current line starts in {@link #buffer()}. */
  int lineStart() {
    return lineStart;
  }

  /** The current line's length in bytes. */
  int lineLength() {
    return lineLength;
  }

  /** Whether the current line is empty or only spaces and tabs. */
  boolean isBlank() {
    for (int i = lineStart, to = lineStart + lineLength; i < to; i++) {
      byte b = buffer[i];
      if (b != ' ' && b != '\t' && b != '\r') {
        return false;
      }
    }
    return true;
  }
}
