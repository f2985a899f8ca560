package dev.redrive.policy.internal;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * A YAML document as a tree whose every node, and every mapping key, knows its line and column, so
 * that a problem can say where it is. Read token by token with Jackson's YAML parser.
 */
public final class YamlTree {
  private static final YAMLFactory FACTORY = YAMLFactory.builder().build();

  private YamlTree() {}

  /** A 1-based line and column. */
  public record Location(int line, int column) {
    /** The first character of the document. */
    public static final Location START = new Location(1, 1);

    /** Checks that both are >= 1. */
    public Location {
      if (line < 1 || column < 1) {
        throw new IllegalArgumentException(
            "line and column must be >= 1, were " + line + ", " + column);
      }
    }

    static Location of(JsonLocation location) {
      if (location == null) {
        return START;
      }
      return new Location(Math.max(1, location.getLineNr()), Math.max(1, location.getColumnNr()));
    }
  }

  /** A node of the tree. */
  public sealed interface Node permits MapNode, ListNode, ScalarNode {
    /** Where the node starts. */
    Location location();

    /** The node described for messages: {@code a list}, {@code the string 'x'}, {@code null}. */
    String describe();
  }

  /** One key of a mapping, with where the key is. */
  public record Entry(String key, Location keyLocation, Node value) {}

  /** A mapping; entries in document order, keys unique (duplicates are reported while reading). */
  public record MapNode(Location location, List<Entry> entries) implements Node {
    /** Copies the list. */
    public MapNode {
      entries = List.copyOf(entries);
    }

    /** The entry for {@code key}, if there is one. */
    public Optional<Entry> entry(String key) {
      for (Entry entry : entries) {
        if (entry.key().equals(key)) {
          return Optional.of(entry);
        }
      }
      return Optional.empty();
    }

    @Override
    public String describe() {
      return "a mapping";
    }
  }

  /** A sequence. */
  public record ListNode(Location location, List<Node> items) implements Node {
    /** Copies the list. */
    public ListNode {
      items = List.copyOf(items);
    }

    @Override
    public String describe() {
      return "a list";
    }
  }

  /** The YAML type of a scalar as the parser resolved it. */
  public enum Kind {
    /** Text, quoted or not. */
    STRING,
    /** A whole number. */
    INTEGER,
    /** A number with a fraction or exponent. */
    FLOAT,
    /** {@code true} or {@code false}. */
    BOOLEAN,
    /** {@code ~}, {@code null}, or nothing. */
    NULL
  }

  /** A scalar with its resolved kind and its text. */
  public record ScalarNode(Location location, Kind kind, String text) implements Node {
    /** Checks the values. */
    public ScalarNode {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(text, "text");
    }

    @Override
    public String describe() {
      return switch (kind) {
        case STRING -> "the string '" + text + "'";
        case INTEGER, FLOAT -> "the number " + text;
        case BOOLEAN -> "the boolean " + text;
        case NULL -> "null";
      };
    }
  }

  /** A YAML syntax error with where the parser found it. */
  public static final class SyntaxError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Location location;

    SyntaxError(String message, Location location, Throwable cause) {
      super(message, cause);
      this.location = location;
    }

    /** Where the parser stopped. */
    public Location location() {
      return location;
    }
  }

  /**
   * Reads the first document of {@code yaml}.
   *
   * @param yaml the text
   * @param duplicateKeys receives each repeated key of a mapping (the second and later
   *     occurrences), as its path from the root ({@code rules[0].action}) with its location; the
   *     tree keeps the first
   * @return the root node, or empty when the document is empty
   * @throws SyntaxError if the text is not YAML
   */
  public static Optional<Node> read(String yaml, List<Entry> duplicateKeys) {
    try (YAMLParser parser = FACTORY.createParser(yaml)) {
      JsonToken token = parser.nextToken();
      if (token == null) {
        return Optional.empty();
      }
      return Optional.of(new Reader(parser, duplicateKeys).node(token, ""));
    } catch (JsonProcessingException e) {
      throw new SyntaxError(cleanMessage(e), Location.of(e.getLocation()), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads nodes token by token, resolving anchors ({@code &name}), aliases ({@code *name}) and
   * merge keys ({@code <<: *name}), which Jackson's YAML parser reports but does not resolve.
   */
  private static final class Reader {
    private static final String MERGE_KEY = "<<";

    private final YAMLParser parser;
    private final List<Entry> duplicates;
    private final Map<String, Node> anchors = new HashMap<>();

    Reader(YAMLParser parser, List<Entry> duplicates) {
      this.parser = parser;
      this.duplicates = duplicates;
    }

    Node node(JsonToken token, String path) throws IOException {
      Location location = Location.of(parser.currentTokenLocation());
      if (token == JsonToken.VALUE_STRING && parser.isCurrentAlias()) {
        Node target = anchors.get(parser.getText());
        if (target == null) {
          throw new SyntaxError(
              "unknown alias *"
                  + parser.getText()
                  + ": no anchor &"
                  + parser.getText()
                  + " before it",
              location,
              null);
        }
        return target;
      }
      String anchor = parser.getCurrentAnchor();
      Node node =
          switch (token) {
            case START_OBJECT -> map(location, path);
            case START_ARRAY -> list(location, path);
            case VALUE_STRING -> new ScalarNode(location, Kind.STRING, parser.getText());
            case VALUE_NUMBER_INT -> new ScalarNode(location, Kind.INTEGER, parser.getText());
            case VALUE_NUMBER_FLOAT -> new ScalarNode(location, Kind.FLOAT, parser.getText());
            case VALUE_TRUE, VALUE_FALSE ->
                new ScalarNode(location, Kind.BOOLEAN, parser.getText());
            case VALUE_NULL -> new ScalarNode(location, Kind.NULL, "null");
              // Embedded objects (binary scalars) are not part of the policy format.
            default -> new ScalarNode(location, Kind.STRING, String.valueOf(parser.getText()));
          };
      if (anchor != null) {
        anchors.put(anchor, node);
      }
      return node;
    }

    private MapNode map(Location location, String path) throws IOException {
      List<Entry> entries = new ArrayList<>();
      List<Entry> merged = new ArrayList<>();
      for (JsonToken next = parser.nextToken();
          next != JsonToken.END_OBJECT;
          next = parser.nextToken()) {
        String key = parser.currentName();
        Location keyLocation = Location.of(parser.currentTokenLocation());
        String keyPath = path.isEmpty() ? key : path + "." + key;
        Node value = node(parser.nextToken(), keyPath);
        if (key.equals(MERGE_KEY) && merge(value, merged)) {
          continue;
        }
        if (entries.stream().anyMatch(e -> e.key().equals(key))) {
          duplicates.add(new Entry(keyPath, keyLocation, value));
        } else {
          entries.add(new Entry(key, keyLocation, value));
        }
      }
      // Keys written in the mapping win over merged ones, and earlier merged mappings over later.
      for (Entry entry : merged) {
        if (entries.stream().noneMatch(e -> e.key().equals(entry.key()))) {
          entries.add(entry);
        }
      }
      return new MapNode(location, entries);
    }

    /** Adds the entries of {@code <<: *a} or {@code <<: [*a, *b]}; false if it is neither. */
    private static boolean merge(Node value, List<Entry> merged) {
      if (value instanceof MapNode map) {
        merged.addAll(map.entries());
        return true;
      }
      if (value instanceof ListNode list
          && !list.items().isEmpty()
          && list.items().stream().allMatch(MapNode.class::isInstance)) {
        list.items().forEach(item -> merged.addAll(((MapNode) item).entries()));
        return true;
      }
      return false;
    }

    private ListNode list(Location location, String path) throws IOException {
      List<Node> items = new ArrayList<>();
      for (JsonToken next = parser.nextToken();
          next != JsonToken.END_ARRAY;
          next = parser.nextToken()) {
        items.add(node(next, path + "[" + items.size() + "]"));
      }
      return new ListNode(location, items);
    }
  }

  private static String cleanMessage(JsonProcessingException e) {
    if (e.getCause() instanceof MarkedYAMLException yaml && yaml.getProblem() != null) {
      String context =
          yaml.getContext() == null || yaml.getContextMark() == null
              ? ""
              : " ("
                  + yaml.getContext()
                  + " that starts at line "
                  + (yaml.getContextMark().getLine() + 1)
                  + ", column "
                  + (yaml.getContextMark().getColumn() + 1)
                  + ")";
      return yaml.getProblem() + context;
    }
    String message = e.getOriginalMessage();
    if (message == null) {
      return "not valid YAML";
    }
    // SnakeYAML's messages repeat the position and quote the line with a caret: keep the first
    // line.
    String firstLine = message.strip().lines().findFirst().orElse(message).strip();
    return firstLine.endsWith(":") ? firstLine.substring(0, firstLine.length() - 1) : firstLine;
  }
}
