package dev.redrive.simulator.path.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.HashSet;
import java.util.Set;

/** {@code States.Array}, {@code States.ArrayPartition} and the other array intrinsics. */
final class ArrayFunctions {
  /** "The newly generated array can't contain more than 1000 items." (States.ArrayRange) */
  static final int MAX_RANGE_ITEMS = 1000;

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private ArrayFunctions() {}

  /** The arguments, in order, as an array. */
  static JsonNode array(Arguments args) {
    ArrayNode out = NODES.arrayNode(args.size());
    for (int i = 0; i < args.size(); i++) {
      out.add(args.value(i));
    }
    return out;
  }

  /** The array cut into chunks of the given size; the last chunk may be shorter. */
  static JsonNode partition(Arguments args) {
    ArrayNode array = args.array(0);
    int size = args.integer(1);
    if (size <= 0) {
      throw args.fail(
          "The chunk size of States.ArrayPartition must be a positive integer, but was: "
              + args.value(1));
    }
    ArrayNode out = NODES.arrayNode();
    ArrayNode chunk = null;
    for (int i = 0; i < array.size(); i++) {
      if (i % size == 0) {
        chunk = out.addArray();
      }
      chunk.add(array.get(i));
    }
    return out;
  }

  /** Whether the array holds a value equal to the second argument. */
  static JsonNode contains(Arguments args) {
    ArrayNode array = args.array(0);
    JsonNode wanted = args.value(1);
    for (JsonNode item : array) {
      if (JsonValues.same(item, wanted)) {
        return BooleanNode.TRUE;
      }
    }
    return BooleanNode.FALSE;
  }

  /** The integers from the first argument to the second, both included, by the given step. */
  static JsonNode range(Arguments args) {
    long start = args.integer(0);
    long end = args.integer(1);
    long step = args.integer(2);
    if (step == 0) {
      throw args.fail("The step of States.ArrayRange must be a non-zero integer, but was: 0");
    }
    if (step > 0 ? start > end : start < end) {
      return NODES.arrayNode();
    }
    long count = (end - start) / step + 1;
    if (count > MAX_RANGE_ITEMS) {
      throw args.fail(
          "States.ArrayRange can create at most "
              + MAX_RANGE_ITEMS
              + " items, but the arguments would create "
              + count);
    }
    ArrayNode out = NODES.arrayNode((int) count);
    for (long value = start, i = 0; i < count; i++, value += step) {
      out.add(IntNode.valueOf((int) value));
    }
    return out;
  }

  /** The item at a 0-based index. */
  static JsonNode getItem(Arguments args) {
    ArrayNode array = args.array(0);
    int index = args.integer(1);
    if (index < 0 || index >= array.size()) {
      throw args.fail(
          "The index "
              + index
              + " given to States.ArrayGetItem is out of bounds for an array of "
              + array.size()
              + " item(s)");
    }
    return array.get(index);
  }

  /** The number of items. */
  static JsonNode length(Arguments args) {
    return IntNode.valueOf(args.array(0).size());
  }

  /** The array without repeated values, each kept where it first appears. */
  static JsonNode unique(Arguments args) {
    ArrayNode array = args.array(0);
    Set<String> seen = new HashSet<>();
    ArrayNode out = NODES.arrayNode();
    for (JsonNode item : array) {
      if (seen.add(JsonValues.canonical(item))) {
        out.add(item);
      }
    }
    return out;
  }
}
