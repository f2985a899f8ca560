package dev.redrive.policy.internal;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.common.Anchor;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.events.DocumentEndEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.NodeEvent;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.ReaderException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.parser.Parser;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * A policy file's YAML, composed by snakeyaml-engine into its node tree (YAML 1.2, core schema:
 * anchors, aliases and merge keys resolved, every node with its position), and what the policy
 * reader asks of those nodes: where a node is, how to name it in a message, a scalar's kind and
 * numeric value.
 *
 * <p>Bounded: at most {@link #MAX_CHARACTERS} characters, {@link #MAX_DEPTH} levels of nesting and
 * {@link #MAX_ALIASES} aliases to collections, one document. Whatever breaks these, or YAML itself,
 * is a {@link SyntaxError} with its line and column.
 */
public final class YamlNodes {
  /** The longest policy text read: 1 MiB (a policy of 20 rules is about 4 KiB). */
  public static final int MAX_CHARACTERS = 1 << 20;

  /** The deepest nesting of mappings and lists (a policy needs 6). */
  public static final int MAX_DEPTH = 64;

  /** The most aliases ({@code *name}) to mappings or lists in one file. */
  public static final int MAX_ALIASES = 100;

  /** Digits beyond which a whole number is not parsed, only known to be huge. */
  private static final int MAX_DIGITS = 100;

  private static final BigInteger HUGE = BigInteger.TEN.pow(MAX_DIGITS);

  private YamlNodes() {}

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

    static Location of(Optional<Mark> mark) {
      return mark.map(m -> new Location(m.getLine() + 1, m.getColumn() + 1)).orElse(START);
    }
  }

  /** One key of a mapping, with where the key is. */
  public record Entry(String key, Location keyLocation, Node value) {}

  /** The YAML type of a scalar as the core schema resolves it. */
  public enum Kind {
    /** Text, quoted or not. */
    STRING,
    /** A whole number: decimal, {@code 0x} hexadecimal or {@code 0o} octal. */
    INTEGER,
    /** A number with a fraction or exponent, or {@code .inf} / {@code .nan}. */
    FLOAT,
    /** {@code true} or {@code false}. */
    BOOLEAN,
    /** {@code ~}, {@code null}, or nothing. */
    NULL
  }

  /** A YAML error (or a bound exceeded) with where it was found. */
  public static final class SyntaxError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Location location;

    SyntaxError(String message, Location location, Throwable cause) {
      super(message, cause);
      this.location = location;
    }

    /** Where the error is. */
    public Location location() {
      return location;
    }
  }

  /**
   * Composes the one document of {@code yaml}.
   *
   * @return the root node, or empty when the text holds no document
   * @throws SyntaxError if the text is not YAML, holds more than one document, or exceeds a bound
   */
  public static Optional<Node> compose(String yaml) {
    if (yaml.length() > MAX_CHARACTERS) {
      throw new SyntaxError(
          "the policy has "
              + yaml.length()
              + " characters; a policy may have at most "
              + MAX_CHARACTERS
              + " (1 MiB)",
          Location.START,
          null);
    }
    LoadSettings settings =
        LoadSettings.builder()
            .setSchema(new CoreSchema())
            .setAllowDuplicateKeys(true) // reported with their place by duplicateKeys
            .setMaxAliasesForCollections(MAX_ALIASES)
            .setCodePointLimit(MAX_CHARACTERS + 1)
            .setAllowRecursiveKeys(false)
            .build();
    CheckedEvents events =
        new CheckedEvents(new ParserImpl(settings, new StreamReader(settings, yaml)));
    try {
      return new Composer(settings, events).getSingleNode();
    } catch (SyntaxError e) {
      throw e;
    } catch (MarkedYamlEngineException e) {
      Location location =
          Location.of(e.getProblemMark().isPresent() ? e.getProblemMark() : e.getContextMark());
      if (events.documentEnded) {
        throw new SyntaxError(
            "only comments may follow '...', the end of the document; a policy file holds one"
                + " document",
            location,
            e);
      }
      throw new SyntaxError(message(e), location, e);
    } catch (ReaderException e) {
      throw new SyntaxError(
          "the text holds a character YAML does not allow: U+"
              + String.format("%04X", e.getCodePoint()),
          locationOfCodePoint(yaml, e.getPosition()),
          e);
    } catch (YamlEngineException e) {
      throw new SyntaxError(
          e.getMessage() == null ? "not valid YAML" : e.getMessage(), events.lastLocation(), e);
    } catch (StackOverflowError e) {
      // CheckedEvents bounds the nesting, so this is not expected; never let it escape as a crash.
      throw new SyntaxError("nested too deeply", events.lastLocation(), null);
    }
  }

  /**
   * Each repeated key of a mapping below {@code root} (the second and later occurrences), as its
   * path from the root ({@code rules[0].action}) with its location, in document order.
   */
  public static List<Entry> duplicateKeys(Node root) {
    List<Entry> duplicates = new ArrayList<>();
    duplicateKeys(root, "", Collections.newSetFromMap(new IdentityHashMap<>()), duplicates);
    return duplicates;
  }

  private static void duplicateKeys(Node node, String path, Set<Node> seen, List<Entry> out) {
    if (!seen.add(node)) {
      return; // an alias: its node was checked where its anchor is
    }
    if (node instanceof MappingNode map) {
      Set<String> keys = new HashSet<>();
      for (NodeTuple tuple : map.getValue()) {
        String key = keyText(tuple.getKeyNode());
        String keyPath = path.isEmpty() ? key : path + "." + key;
        if (!keys.add(key)) {
          out.add(new Entry(keyPath, location(tuple.getKeyNode()), tuple.getValueNode()));
        }
        duplicateKeys(tuple.getValueNode(), keyPath, seen, out);
      }
    } else if (node instanceof SequenceNode list) {
      List<Node> items = list.getValue();
      for (int i = 0; i < items.size(); i++) {
        duplicateKeys(items.get(i), path + "[" + i + "]", seen, out);
      }
    }
  }

  /** Where {@code node} starts. */
  public static Location location(Node node) {
    return Location.of(node.getStartMark());
  }

  /** The entries of {@code map} in document order (merged keys after the mapping's own). */
  public static List<Entry> entries(MappingNode map) {
    List<Entry> entries = new ArrayList<>(map.getValue().size());
    for (NodeTuple tuple : map.getValue()) {
      entries.add(
          new Entry(
              keyText(tuple.getKeyNode()), location(tuple.getKeyNode()), tuple.getValueNode()));
    }
    return entries;
  }

  /** The first entry for {@code key}, if there is one. */
  public static Optional<Entry> entry(MappingNode map, String key) {
    for (NodeTuple tuple : map.getValue()) {
      if (tuple.getKeyNode() instanceof ScalarNode scalar && scalar.getValue().equals(key)) {
        return Optional.of(new Entry(key, location(scalar), tuple.getValueNode()));
      }
    }
    return Optional.empty();
  }

  /** The items of a list. */
  public static List<Node> items(SequenceNode list) {
    return list.getValue();
  }

  /** The kind of a scalar: by its tag, and for numbers only when the text is one. */
  public static Kind kind(ScalarNode scalar) {
    Tag tag = scalar.getTag();
    if (tag.equals(Tag.INT)) {
      return wholeNumber(scalar).isPresent() ? Kind.INTEGER : Kind.STRING;
    }
    if (tag.equals(Tag.FLOAT)) {
      return number(scalar).isPresent() ? Kind.FLOAT : Kind.STRING;
    }
    if (tag.equals(Tag.BOOL)) {
      return Kind.BOOLEAN;
    }
    if (tag.equals(Tag.NULL)) {
      return Kind.NULL;
    }
    return Kind.STRING;
  }

  /**
   * The value of a whole number in any form of the core schema ({@code 12}, {@code -1}, {@code +5},
   * {@code 0x1F}, {@code 0o17}); a number of more than 100 digits is returned as ±10^100.
   */
  public static Optional<BigInteger> wholeNumber(ScalarNode scalar) {
    String text = scalar.getValue();
    int radix = 10;
    int start = 0;
    boolean negative = false;
    if (text.startsWith("0x") || text.startsWith("0o")) {
      radix = text.charAt(1) == 'x' ? 16 : 8;
      start = 2;
    } else if (text.startsWith("-") || text.startsWith("+")) {
      negative = text.charAt(0) == '-';
      start = 1;
    }
    if (start == text.length()) {
      return Optional.empty();
    }
    for (int i = start; i < text.length(); i++) {
      if (Character.digit(text.charAt(i), radix) < 0 || text.charAt(i) > 'f') {
        return Optional.empty();
      }
    }
    BigInteger value =
        text.length() - start > MAX_DIGITS ? HUGE : new BigInteger(text.substring(start), radix);
    return Optional.of(negative ? value.negate() : value);
  }

  /** The value of any number of the core schema, {@code .inf} and {@code .nan} included. */
  public static OptionalDouble number(ScalarNode scalar) {
    Optional<BigInteger> whole = wholeNumber(scalar);
    if (whole.isPresent()) {
      return OptionalDouble.of(whole.get().doubleValue());
    }
    String text = scalar.getValue();
    String unsigned = text.startsWith("-") || text.startsWith("+") ? text.substring(1) : text;
    double sign = text.startsWith("-") ? -1 : 1;
    switch (unsigned) {
      case ".inf", ".Inf", ".INF" -> {
        return OptionalDouble.of(sign * Double.POSITIVE_INFINITY);
      }
      case ".nan", ".NaN", ".NAN" -> {
        return OptionalDouble.of(Double.NaN);
      }
      default -> {}
    }
    for (int i = 0; i < unsigned.length(); i++) {
      char c = unsigned.charAt(i);
      if (!(c >= '0' && c <= '9') && ".eE+-".indexOf(c) < 0) {
        return OptionalDouble.empty(); // e.g. Java's "Infinity" or a hexadecimal float
      }
    }
    try {
      return OptionalDouble.of(Double.parseDouble(text));
    } catch (NumberFormatException e) {
      return OptionalDouble.empty();
    }
  }

  /** The node described for messages: {@code a list}, {@code the string 'x'}, {@code null}. */
  public static String describe(Node node) {
    if (node instanceof MappingNode) {
      return "a mapping";
    }
    if (node instanceof SequenceNode) {
      return "a list";
    }
    ScalarNode scalar = (ScalarNode) node;
    String text = shown(scalar.getValue());
    return switch (kind(scalar)) {
      case STRING -> "the string '" + text + "'";
      case INTEGER, FLOAT -> "the number " + text;
      case BOOLEAN -> "the boolean " + text;
      case NULL -> "null";
    };
  }

  /** {@code text} for a message: whole when short, else its start and its length. */
  public static String shown(String text) {
    return text.length() <= 80
        ? text
        : text.substring(0, 60) + "... (" + text.length() + " characters)";
  }

  private static String keyText(Node key) {
    return key instanceof ScalarNode scalar ? scalar.getValue() : describe(key);
  }

  private static String message(MarkedYamlEngineException e) {
    String problem = e.getProblem();
    if (problem == null || problem.isBlank()) {
      problem = e.getContext() == null ? "not valid YAML" : e.getContext();
      return problem.strip();
    }
    String context =
        e.getContext() == null || e.getContextMark().isEmpty() || e.getProblem() == null
            ? ""
            : " ("
                + e.getContext()
                + " that starts at line "
                + (e.getContextMark().get().getLine() + 1)
                + ", column "
                + (e.getContextMark().get().getColumn() + 1)
                + ")";
    return problem.strip() + context;
  }

  private static Location locationOfCodePoint(String text, int codePointIndex) {
    int line = 1;
    int column = 1;
    int index = 0;
    for (int i = 0; i < text.length() && index < codePointIndex; index++) {
      int c = text.codePointAt(i);
      i += Character.charCount(c);
      if (c == '\n') {
        line++;
        column = 1;
      } else {
        column++;
      }
    }
    return new Location(line, column);
  }

  /**
   * The parser's events as the composer reads them, checked on the way: one document, nesting at
   * most {@link #MAX_DEPTH} deep (the composer recurses once per level), and aliases only to
   * anchors defined before them, each refused with its own location and a message that says why.
   */
  private static final class CheckedEvents implements Parser {
    private final Parser parser;
    private final Set<Anchor> anchors = new HashSet<>();
    private int depth;
    private int documents;
    private Optional<Mark> lastMark = Optional.empty();
    private boolean documentEnded;

    CheckedEvents(Parser parser) {
      this.parser = parser;
    }

    Location lastLocation() {
      return Location.of(lastMark);
    }

    @Override
    public boolean checkEvent(Event.ID id) {
      return parser.checkEvent(id);
    }

    @Override
    public Event peekEvent() {
      return parser.peekEvent();
    }

    @Override
    public boolean hasNext() {
      return parser.hasNext();
    }

    @Override
    public Event next() {
      Event event = parser.next();
      lastMark = event.getStartMark();
      switch (event.getEventId()) {
        case DocumentStart -> {
          if (++documents > 1) {
            throw new SyntaxError(
                "a second YAML document starts here (after '---' or '...'); a policy file holds"
                    + " one document",
                lastLocation(),
                null);
          }
        }
        case MappingStart, SequenceStart -> {
          if (++depth > MAX_DEPTH) {
            throw new SyntaxError(
                "nested more than " + MAX_DEPTH + " levels deep", lastLocation(), null);
          }
          anchor(event);
        }
        case MappingEnd, SequenceEnd -> depth--;
        case DocumentEnd -> documentEnded = ((DocumentEndEvent) event).isExplicit();
        case Scalar -> anchor(event);
        case Alias -> {
          Anchor alias = ((NodeEvent) event).getAnchor().orElseThrow();
          if (!anchors.contains(alias)) {
            throw new SyntaxError(
                "unknown alias *"
                    + alias.getValue()
                    + ": no anchor &"
                    + alias.getValue()
                    + " before it",
                lastLocation(),
                null);
          }
        }
        default -> {}
      }
      return event;
    }

    private void anchor(Event event) {
      ((NodeEvent) event).getAnchor().ifPresent(anchors::add);
    }
  }
}
