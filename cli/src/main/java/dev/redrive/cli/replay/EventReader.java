package dev.redrive.cli.replay;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.redrive.cli.PolicyFiles;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
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
 * <p>Nothing holds a whole file: memory stays flat however large the input. A syntax error in an
 * array or in a multi-line value ends that file (there is no telling where the next value starts);
 * in JSON lines it ends only that line.
 */
final class EventReader {
  /** Longest first line looked at to tell JSON lines from a multi-line event. */
  private static final int FIRST_LINE_LIMIT = 4 << 20;

  private static final int BUFFER_SIZE = 1 << 16;

  private final ObjectMapper mapper = new ObjectMapper();
  private final ObjectReader lineReader =
      mapper.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
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

  private Reader open(Path file) throws IOException {
    InputStream in = new CountingInputStream(Files.newInputStream(file), bytesRead);
    // InputStreamReader replaces bytes that are not UTF-8 instead of failing; the JSON parser
    // then reports the text where it matters.
    return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), BUFFER_SIZE);
  }

  /** Looks at the start of the file (without counting it as read) to tell its shape. */
  private Shape shape(Path file) throws IOException {
    try (Reader reader =
        new BufferedReader(
            new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8),
            BUFFER_SIZE)) {
      int c = reader.read();
      while (c == '\uFEFF' || (c >= 0 && Character.isWhitespace(c))) {
        c = reader.read();
      }
      if (c < 0) {
        return Shape.EMPTY;
      }
      if (c == '[') {
        return Shape.ARRAY;
      }
      StringBuilder firstLine = new StringBuilder();
      while (c >= 0 && c != '\n' && firstLine.length() < FIRST_LINE_LIMIT) {
        firstLine.append((char) c);
        c = reader.read();
      }
      boolean wholeLine = c < 0 || c == '\n';
      if (wholeLine && parses(firstLine)) {
        return Shape.LINES;
      }
      return firstLine.charAt(0) == '{' ? Shape.VALUES : Shape.LINES;
    }
  }

  private boolean parses(CharSequence text) {
    try {
      lineReader.readTree(text.toString());
      return true;
    } catch (JsonProcessingException e) {
      return false;
    }
  }

  private void readLines(Path file, String name, InputHandler to) throws IOException {
    try (BufferedReader reader = (BufferedReader) open(file)) {
      long lineNumber = 0;
      String line;
      while ((line = reader.readLine()) != null) {
        lineNumber++;
        if (lineNumber == 1 && !line.isEmpty() && line.charAt(0) == '\uFEFF') {
          line = line.substring(1);
        }
        if (line.isBlank()) {
          continue;
        }
        Source source = new Source(name, lineNumber);
        JsonNode value;
        try {
          value = lineReader.readTree(line);
        } catch (JsonProcessingException e) {
          to.malformed(source, notJson(e, false));
          continue;
        }
        to.value(source, value);
      }
    }
  }

  private void readArray(Path file, String name, InputHandler to) throws IOException {
    try (JsonParser parser = mapper.createParser(open(file))) {
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
          to.value(new Source(name, line), mapper.readTree(parser));
        }
        line = line(parser.currentTokenLocation());
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
    try (JsonParser parser = mapper.createParser(open(file))) {
      long line = 1;
      try {
        while (parser.nextToken() != null) {
          line = line(parser.currentTokenLocation());
          to.value(new Source(name, line), mapper.readTree(parser));
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
