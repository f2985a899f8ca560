package dev.redrive.simulator.jsonata;

import com.dashjoin.jsonata.Jsonata;
import java.lang.reflect.Field;
import java.util.List;
import java.util.Optional;

/**
 * Finds what AWS refuses when a definition is created: a JSONata expression runs with no context
 * item, so a path that starts with a field name (rather than {@code $states} or a variable) reads
 * nothing, and AWS rejects it as {@code UNSUPPORTED_JSONATA_EXPRESSION: Reference to 'phone' at the
 * top level is not supported.}; {@code $$} is refused as {@code Reference to '$$' is not
 * supported.}
 *
 * <p>Only the first step of a path is read against the top-level context: names in later steps, in
 * predicates, sort terms and groupings are legal. A lambda body keeps the context of the expression
 * that defines it.
 *
 * <p>The JSONata library does not publish its syntax tree, so this reads it reflectively; if the
 * library changes shape, the check finds nothing rather than failing.
 */
final class TopLevelReferences {
  private static final String SYMBOL = "com.dashjoin.jsonata.Parser$Symbol";
  private static final List<String> SAME_CONTEXT =
      List.of(
          "lhs",
          "rhs",
          "expressions",
          "arguments",
          "procedure",
          "body",
          "condition",
          "then",
          "_else",
          "expression",
          "lhsObject",
          "pattern",
          "update",
          "delete");
  private static final List<String> ITEM_CONTEXT = List.of("stages", "predicate", "group", "terms");

  private TopLevelReferences() {}

  /** The refusal AWS words for the expression, if it reads the top-level context. */
  static Optional<String> find(Jsonata expression) {
    try {
      Field ast = Jsonata.class.getDeclaredField("ast");
      ast.setAccessible(true);
      return walk(ast.get(expression), true);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static Optional<String> walk(Object node, boolean topLevel)
      throws ReflectiveOperationException {
    if (node == null) {
      return Optional.empty();
    }
    if (node instanceof List<?> list) {
      for (Object element : list) {
        Optional<String> found = walk(element, topLevel);
        if (found.isPresent()) {
          return found;
        }
      }
      return Optional.empty();
    }
    if (node instanceof Object[] pair) {
      return walk(List.of(pair), topLevel);
    }
    if (!Class.forName(SYMBOL).isInstance(node)) {
      return Optional.empty();
    }
    String type = String.valueOf(get(node, "type"));
    Object value = get(node, "value");
    if (type.equals("variable") && "$".equals(value)) {
      return Optional.of("Reference to '$$' is not supported.");
    }
    if (topLevel && type.equals("variable") && "".equals(value)) {
      return Optional.of("Reference to '$' at the top level is not supported.");
    }
    if (topLevel && type.equals("name")) {
      return Optional.of("Reference to '" + value + "' at the top level is not supported.");
    }
    if (type.equals("path")) {
      List<?> steps = (List<?>) get(node, "steps");
      for (int i = 0; steps != null && i < steps.size(); i++) {
        Optional<String> found = walk(steps.get(i), topLevel && i == 0);
        if (found.isPresent()) {
          return found;
        }
      }
    }
    for (String field : SAME_CONTEXT) {
      Optional<String> found = walk(get(node, field), topLevel);
      if (found.isPresent()) {
        return found;
      }
    }
    for (String field : ITEM_CONTEXT) {
      Optional<String> found = walk(get(node, field), false);
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  private static Object get(Object node, String name) throws ReflectiveOperationException {
    Field field = Class.forName(SYMBOL).getDeclaredField(name);
    field.setAccessible(true);
    return field.get(node);
  }
}
