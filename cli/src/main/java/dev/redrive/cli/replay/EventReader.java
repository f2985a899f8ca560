package dev.redrive.cli.replay;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.redrive.cli.PolicyFiles;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;

/**
 * Streams the JSON values of event files, one at a time, whatever the file's shape:
 *
 * <ul>
 *   <li>a JSON array of events ({@code [} first): read element by element;
 *   <li>JSON lines (the first line is a whole JSON value): read line by line, so that a malformed
 *       line is reported and the next line is read;
 *   <li>one event over several lines, or several such events one after the other: read value by
 *       value.
 * </ul>
 *
 * <p>Nothing holds a whole file: memory stays flat however large the input. Text is parsed as UTF-8
 * bytes, never decoded to strings but for the fields a decision needs ({@link EventExtractor}). A
 * syntax error in an array or in a multi-line value ends that file (there is no telling where the
 * next value starts); in JSON lines it ends only that line.
 *
 * <p>With more than one thread, JSON lines are parsed and decided in chunks on a pool, a bounded
 * number of chunks at a time, and their outcomes handed over in input order on the calling thread.
 */
final class EventReader implements AutoCloseable {
  /** Longest first line the shape of an input is told from. */
  static final int FIRST_LINE_LIMIT = 4 << 20;

  /** Why an input without a value is refused: there is nothing to decide. */
  static final String EMPTY_FILE = "no event: the input is empty (or only white space)";

  /** Lines per chunk handed to a worker. */
  private static final int CHUNK_LINES = 512;

  /** Chunks in flight per worker: enough to keep the workers busy, few enough to stay small. */
  private static final int CHUNKS_PER_WORKER = 4;

  private final ObjectMapper mapper = new ObjectMapper();
  private final JsonFactory factory = mapper.getFactory();
  private final EventExtractor extractor = new EventExtractor(mapper);
  private final LongAdder bytesRead = new LongAdder();
  private final Decider decider;
  private final int threads;
  private final ExecutorService workers;
  private long index;

  private enum Shape {
    EMPTY,
    ARRAY,
    LINES,
    VALUES
  }

  /**
   * A reader that decides each value with {@code decider}.
   *
   * @param threads how many threads parse and decide JSON lines; 1 does everything on the caller's
   */
  EventReader(Decider decider, int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, was " + threads);
    }
    this.decider = decider;
    this.threads = threads;
    this.workers =
        threads == 1
            ? null
            : Executors.newFixedThreadPool(
                threads,
                runnable -> {
                  Thread thread = new Thread(runnable, "replay-worker");
                  thread.setDaemon(true);
                  return thread;
                });
  }

  /** Bytes read from files so far. */
  long bytesRead() {
    return bytesRead.sum();
  }

  @Override
  public void close() {
    if (workers != null) {
      workers.shutdownNow();
    }
  }

  /**
   * Reads {@code file}, naming it {@code name} in sources, and hands each outcome to {@code to}.
   */
  void read(Path file, String name, OutcomeSink to) {
    try {
      Shape shape;
      try (InputStream in = Files.newInputStream(file)) {
        shape = shape(in);
      }
      if (shape == Shape.EMPTY) {
        to.accept(new Source(name, 1), new Outcome.Malformed(EMPTY_FILE));
      } else {
        try (InputStream in = new CountingInputStream(Files.newInputStream(file), bytesRead)) {
          read(in, shape, name, to);
        }
      }
    } catch (StrictUtf8.NotUtf8Exception e) {
      to.accept(new Source(name, e.line()), new Outcome.Malformed(e.getMessage()));
    } catch (IOException e) {
      to.accept(
          new Source(name, 1),
          new Outcome.Malformed("cannot read file: " + PolicyFiles.describe(e)));
    }
  }

  /**
   * Reads a stream that can be read only once (standard input), naming it {@code name}: the bytes
   * its shape is told from (at most its first line) are kept in memory to be read again.
   */
  void read(InputStream stream, String name, OutcomeSink to) {
    try {
      BufferedInputStream in =
          new BufferedInputStream(new CountingInputStream(stream, bytesRead), 1 << 16);
      in.mark(FIRST_LINE_LIMIT + 16);
      Shape shape = shape(in);
      in.reset();
      if (shape == Shape.EMPTY) {
        to.accept(new Source(name, 1), new Outcome.Malformed(EMPTY_FILE));
      } else {
        read(in, shape, name, to);
      }
    } catch (StrictUtf8.NotUtf8Exception e) {
      to.accept(new Source(name, e.line()), new Outcome.Malformed(e.getMessage()));
    } catch (IOException e) {
      to.accept(
          new Source(name, 1), new Outcome.Malformed("cannot read: " + PolicyFiles.describe(e)));
    }
  }

  private void read(InputStream in, Shape shape, String name, OutcomeSink to) throws IOException {
    switch (shape) {
      case EMPTY -> {}
      case ARRAY -> readArray(new StrictUtf8.Stream(in), name, to);
      case LINES -> {
        if (threads == 1) {
          readLines(in, name, to);
        } else {
          readLinesInParallel(in, name, to);
        }
      }
      case VALUES -> readValues(new StrictUtf8.Stream(in), name, to);
    }
  }

  /**
   * Looks at the start of the input: {@code [} first starts an array (told from that byte alone, so
   * a one-line array of any size is never buffered); a first line that is a whole JSON value starts
   * JSON lines; {@code {} otherwise starts a value over several lines. A first line longer than
   * {@value #FIRST_LINE_LIMIT} bytes is not taken for JSON lines.
   */
  private Shape shape(InputStream stream) throws IOException {
    // Pushed back rather than marked: the caller may hold a mark on a stream it reads only once.
    PushbackInputStream in =
        new PushbackInputStream(
            stream instanceof BufferedInputStream
                ? stream
                : new BufferedInputStream(stream, 1 << 16),
            4);
    byte[] start = new byte[4];
    int started = in.readNBytes(start, 0, 4);
    int[] opening = {-1, -1, -1, -1};
    for (int i = 0; i < started; i++) {
      opening[i] = start[i] & 0xFF;
    }
    String encoding = StrictUtf8.otherEncoding(opening[0], opening[1], opening[2], opening[3]);
    if (encoding != null) {
      throw new StrictUtf8.NotUtf8Exception(StrictUtf8.unsupported(encoding), 1);
    }
    in.unread(start, 0, started);
    int b = in.read();
    if (b == 0xEF && in.read() == 0xBB && in.read() == 0xBF) {
      b = in.read(); // UTF-8 byte-order mark
    }
    while (b == ' ' || b == '\t' || b == '\r' || b == '\n') {
      b = in.read();
    }
    if (b < 0) {
      return Shape.EMPTY;
    }
    if (b == '[') {
      return Shape.ARRAY;
    }
    int first = b;
    byte[] line = new byte[1024];
    int length = 0;
    while (b >= 0 && b != '\n') {
      if (length == FIRST_LINE_LIMIT) {
        return first == '{' ? Shape.VALUES : Shape.LINES;
      }
      if (length == line.length) {
        line = Arrays.copyOf(line, Math.min(line.length * 2, FIRST_LINE_LIMIT));
      }
      line[length++] = (byte) b;
      b = in.read();
    }
    if (isWholeValue(line, 0, length)) {
      return Shape.LINES;
    }
    return first == '{' ? Shape.VALUES : Shape.LINES;
  }

  private boolean isWholeValue(byte[] buffer, int start, int length) {
    try (JsonParser parser = factory.createParser(buffer, start, length)) {
      parser.nextToken();
      parser.skipChildren();
      return parser.nextToken() == null;
    } catch (IOException e) {
      return false;
    }
  }

  /** The outcome of one line of JSON lines; thread-safe. */
  private Outcome decideLine(byte[] buffer, int start, int length, long valueIndex) {
    int malformed = StrictUtf8.firstMalformed(buffer, start, length);
    if (malformed >= 0) {
      return new Outcome.Malformed(
          "not UTF-8: malformed or overlong byte sequence (column "
              + (malformed - start + 1)
              + ")");
    }
    try (JsonParser parser = factory.createParser(buffer, start, length)) {
      parser.nextToken();
      var value = extractor.read(parser);
      if (parser.nextToken() != null) {
        return new Outcome.Malformed(
            "not JSON: more than one value on the line (column "
                + parser.currentTokenLocation().getColumnNr()
                + ")");
      }
      return decider.decide(value, valueIndex);
    } catch (JsonProcessingException e) {
      return new Outcome.Malformed(notJson(e, false));
    } catch (IOException e) {
      throw new IllegalStateException("reading bytes in memory cannot fail", e);
    }
  }

  private void readLines(InputStream in, String name, OutcomeSink to) throws IOException {
    ByteLines lines = new ByteLines(in);
    long lineNumber = 0;
    while (lines.next()) {
      lineNumber++;
      if (lines.isBlank()) {
        continue;
      }
      Outcome outcome = decideLine(lines.buffer(), lines.lineStart(), lines.lineLength(), index++);
      to.accept(new Source(name, lineNumber), outcome);
    }
  }

  /** Lines copied out of the reading buffer, to be decided on a worker. */
  private final class Chunk {
    private byte[] bytes = new byte[CHUNK_LINES * 1024];
    private final int[] starts = new int[CHUNK_LINES + 1];
    private final long[] lineNumbers = new long[CHUNK_LINES];
    private final Outcome[] outcomes = new Outcome[CHUNK_LINES];
    private long firstIndex;
    private int size;

    /** Empties the chunk for lines from the {@code firstIndex}-th value on. */
    Chunk reset(long firstIndex) {
      this.firstIndex = firstIndex;
      Arrays.fill(outcomes, 0, size, null);
      size = 0;
      return this;
    }

    boolean isFull() {
      return size == CHUNK_LINES;
    }

    boolean isEmpty() {
      return size == 0;
    }

    void add(ByteLines lines, long lineNumber) {
      int end = starts[size];
      int length = lines.lineLength();
      if (end + length > bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, end + length));
      }
      System.arraycopy(lines.buffer(), lines.lineStart(), bytes, end, length);
      lineNumbers[size] = lineNumber;
      starts[++size] = end + length;
    }

    Chunk decide() {
      for (int i = 0; i < size; i++) {
        outcomes[i] = decideLine(bytes, starts[i], starts[i + 1] - starts[i], firstIndex + i);
      }
      return this;
    }

    void handOver(String name, OutcomeSink to) {
      for (int i = 0; i < size; i++) {
        to.accept(new Source(name, lineNumbers[i]), outcomes[i]);
      }
    }
  }

  private void readLinesInParallel(InputStream in, String name, OutcomeSink to) throws IOException {
    Deque<Future<Chunk>> inFlight = new ArrayDeque<>();
    Deque<Chunk> free = new ArrayDeque<>(); // handed over, ready to be filled again
    int maxInFlight = threads * CHUNKS_PER_WORKER;
    try {
      ByteLines lines = new ByteLines(in);
      long lineNumber = 0;
      Chunk chunk = new Chunk().reset(index);
      while (lines.next()) {
        lineNumber++;
        if (lines.isBlank()) {
          continue;
        }
        chunk.add(lines, lineNumber);
        index++;
        if (chunk.isFull()) {
          inFlight.add(workers.submit(chunk::decide));
          if (inFlight.size() >= maxInFlight) {
            free.add(handOverOldest(inFlight, name, to));
          }
          chunk = free.isEmpty() ? new Chunk().reset(index) : free.removeFirst().reset(index);
        }
      }
      if (!chunk.isEmpty()) {
        inFlight.add(workers.submit(chunk::decide));
      }
      while (!inFlight.isEmpty()) {
        handOverOldest(inFlight, name, to);
      }
    } finally {
      inFlight.forEach(future -> future.cancel(true));
    }
  }

  /** Waits for the oldest chunk, hands its outcomes over, and returns it for reuse. */
  private static Chunk handOverOldest(Deque<Future<Chunk>> inFlight, String name, OutcomeSink to) {
    try {
      Chunk chunk = inFlight.removeFirst().get();
      chunk.handOver(name, to);
      return chunk;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while replaying", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  private void readArray(InputStream in, String name, OutcomeSink to) throws IOException {
    try (JsonParser parser = factory.createParser(in)) {
      long line = 1;
      try {
        parser.nextToken(); // [
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
          line = line(parser.currentTokenLocation());
          if (token == null) {
            to.accept(
                new Source(name, line),
                new Outcome.Malformed("not JSON: the array is not closed (missing ']')"));
            return;
          }
          Source source = new Source(name, line);
          to.accept(source, decider.decide(extractor.read(parser), index++));
        }
        if (parser.nextToken() != null) {
          line = line(parser.currentTokenLocation());
          to.accept(
              new Source(name, line),
              new Outcome.Malformed(
                  "not JSON: unexpected content after the array's closing ']'; the rest of the"
                      + " file is skipped"));
        }
      } catch (JsonProcessingException e) {
        to.accept(new Source(name, line), new Outcome.Malformed(notJson(e, true)));
      }
    }
  }

  private void readValues(InputStream in, String name, OutcomeSink to) throws IOException {
    try (JsonParser parser = factory.createParser(in)) {
      long line = 1;
      try {
        while (parser.nextToken() != null) {
          line = line(parser.currentTokenLocation());
          Source source = new Source(name, line);
          to.accept(source, decider.decide(extractor.read(parser), index++));
        }
      } catch (JsonProcessingException e) {
        to.accept(new Source(name, line), new Outcome.Malformed(notJson(e, true)));
      }
    }
  }

  private static long line(JsonLocation location) {
    return Math.max(1, location.getLineNr());
  }

  /** The parser's message with where it stopped; {@code restSkipped} when the file ends there. */
  private static String notJson(JsonProcessingException e, boolean restSkipped) {
    StringBuilder message = new StringBuilder("not JSON: ").append(e.getOriginalMessage());
    JsonLocation location = e.getLocation();
    if (location != null && location.getLineNr() > 0) {
      message.append(" (");
      if (restSkipped) {
        message.append("line ").append(location.getLineNr()).append(", ");
      }
      message.append("column ").append(location.getColumnNr()).append(')');
    }
    if (restSkipped) {
      message.append("; the rest of the file is skipped");
    }
    return message.toString();
  }
}
