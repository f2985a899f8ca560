package dev.redrive.cli.replay;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.redrive.cli.PolicyFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
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
 */
final class EventReader {
  private final ObjectMapper mapper = new ObjectMapper();
  private final JsonFactory factory = mapper.getFactory();
  private final EventExtractor extractor = new EventExtractor(mapper);
  private final LongAdder bytesRead = new LongAdder();

  private enum Shape {
    EMPTY,
    ARRAY,
    LINES,
    VALUES
  }

  /** Bytes read from files so far. */
  long bytesRead() {
    return bytesRead.sum();
  }

  /** Reads {@code file}, naming it {@code name} in sources, and hands each value to {@code to}. */
  void read(Path file, String name, InputHandler to) {
    try {
      switch (shape(file)) {
        case EMPTY -> {}
        case ARRAY -> readArray(file, name, to);
        case LINES -> readLines(file, name, to);
        case VALUES -> readValues(file, name, to);
      }
    } catch (IOException e) {
      to.malformed(new Source(name, 1), "cannot read file: " + PolicyFiles.describe(e));
    }
  }

  private InputStream open(Path file) throws IOException {
    return new CountingInputStream(Files.newInputStream(file), bytesRead);
  }

  /**
   * Looks at the first line that is not blank (without counting it as read): {@code [} starts an
   * array; a line that is a whole JSON value starts JSON lines; {@code {} otherwise starts a value
   * over several lines.
   */
  private Shape shape(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      ByteLines lines = new ByteLines(in);
      while (lines.next()) {
        if (lines.isBlank()) {
          continue;
        }
        byte first = firstNonBlank(lines);
        if (first == '[') {
          return Shape.ARRAY;
        }
        if (isWholeValue(lines)) {
          return Shape.LINES;
        }
        return first == '{' ? Shape.VALUES : Shape.LINES;
      }
      return Shape.EMPTY;
    }
  }

  private static byte firstNonBlank(ByteLines lines) {
    byte[] buffer = lines.buffer();
    int i = lines.lineStart();
    while (buffer[i] == ' ' || buffer[i] == '\t' || buffer[i] == '\r') {
      i++;
    }
    return buffer[i];
  }

  private boolean isWholeValue(ByteLines lines) {
    try (JsonParser parser = parser(lines)) {
      parser.nextToken();
      parser.skipChildren();
      return parser.nextToken() == null;
    } catch (IOException e) {
      return false;
    }
  }

  private JsonParser parser(ByteLines lines) throws IOException {
    return factory.createParser(lines.buffer(), lines.lineStart(), lines.lineLength());
  }

  private void readLines(Path file, String name, InputHandler to) throws IOException {
    try (InputStream in = open(file)) {
      ByteLines lines = new ByteLines(in);
      long lineNumber = 0;
      while (lines.next()) {
        lineNumber++;
        if (lines.isBlank()) {
          continue;
        }
        Source source = new Source(name, lineNumber);
        JsonNode value;
        try (JsonParser parser = parser(lines)) {
          parser.nextToken();
          value = extractor.read(parser);
          if (parser.nextToken() != null) {
            to.malformed(
                source,
                "not JSON: more than one value on the line (column "
                    + parser.currentTokenLocation().getColumnNr()
                    + ")");
            continue;
          }
        } catch (JsonProcessingException e) {
          to.malformed(source, notJson(e, false));
          continue;
        }
        to.value(source, value);
      }
    }
  }

  private void readArray(Path file, String name, InputHandler to) throws IOException {
    try (JsonParser parser = factory.createParser(open(file))) {
      long line = 1;
      try {
        parser.nextToken(); // [
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
          line = line(parser.currentTokenLocation());
          if (token == null) {
            to.malformed(new Source(name, line), "not JSON: the array is not closed (missing ']')");
            return;
          }
          to.value(new Source(name, line), extractor.read(parser));
        }
        if (parser.nextToken() != null) {
          line = line(parser.currentTokenLocation());
          to.malformed(
              new Source(name, line),
              "not JSON: unexpected content after the array's closing ']'; the rest of the file"
                  + " is skipped");
        }
      } catch (JsonProcessingException e) {
        to.malformed(new Source(name, line), notJson(e, true));
      }
    }
  }

  private void readValues(Path file, String name, InputHandler to) throws IOException {
    try (JsonParser parser = factory.createParser(open(file))) {
      long line = 1;
      try {
        while (parser.nextToken() != null) {
          line = line(parser.currentTokenLocation());
          to.value(new Source(name, line), extractor.read(parser));
        }
      } catch (JsonProcessingException e) {
        to.malformed(new Source(name, line), notJson(e, true));
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
