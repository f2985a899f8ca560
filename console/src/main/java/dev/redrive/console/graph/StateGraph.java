package dev.redrive.console.graph;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The graph of an Amazon States Language definition: one node per state; a Parallel state holds one
 * {@link Kind#BRANCH} per branch and a Map state one {@link Kind#ITERATOR} for its {@code
 * ItemProcessor} (or {@code Iterator}), each with the states inside; edges for {@code Next}, the
 * {@code Choices} and {@code Default} of a Choice state, and {@code Catch}. The top level has a
 * Start and an End node, as AWS's console draws them.
 *
 * @param nodes every node, a container before what it contains
 * @param edges every transition, between nodes of the same container
 */
public record StateGraph(List<Node> nodes, List<Edge> edges) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The id of the Start node. */
  public static final String START = "__start";

  /** The id of the End node. */
  public static final String END = "__end";

  public StateGraph {
    nodes = List.copyOf(nodes);
    edges = List.copyOf(edges);
  }

  /** What a node stands for. */
  public enum Kind {
    /** A state of the definition. */
    STATE,
    /** The start of the state machine. */
    START,
    /** The end of the state machine. */
    END,
    /** One branch of a Parallel state. */
    BRANCH,
    /** The item processor of a Map state: what each iteration runs. */
    ITERATOR
  }

  /** The kinds of transition. */
  public enum EdgeKind {
    NEXT,
    CHOICE,
    DEFAULT,
    CATCH
  }

  /**
   * A node.
   *
   * @param id unique in the graph: the path of state names and branch numbers
   * @param name the state's name (for containers and Start/End: a label)
   * @param type the state's {@code Type}, or empty for other kinds
   * @param kind what it stands for
   * @param parent the id of the container it is in, or empty at the top level
   */
  public record Node(String id, String name, String type, Kind kind, String parent) {
    public Node {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(parent, "parent");
    }
  }

  /** A transition from one node to another, both in the same container. */
  public record Edge(String from, String to, EdgeKind kind, String parent) {
    public Edge {
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(to, "to");
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(parent, "parent");
    }
  }

  /**
   * The graph of a definition.
   *
   * @param definition the definition's JSON text
   * @throws IllegalArgumentException when it is not JSON or has no {@code States} object
   */
  public static StateGraph of(String definition) {
    JsonNode root;
    try {
      root = JSON.readTree(definition);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "expected a state machine definition in JSON, found: " + e.getOriginalMessage(), e);
    }
    if (root == null || !root.path("States").isObject()) {
      throw new IllegalArgumentException(
          "expected a definition with a States object, found none at the top level");
    }
    List<Node> nodes = new ArrayList<>();
    List<Edge> edges = new ArrayList<>();
    nodes.add(new Node(START, "Start", "", Kind.START, ""));
    String first = scope(root, "", nodes, edges);
    nodes.add(new Node(END, "End", "", Kind.END, ""));
    if (!first.isEmpty()) {
      edges.add(new Edge(START, first, EdgeKind.NEXT, ""));
    }
    for (Node n : List.copyOf(nodes)) {
      if (n.parent().isEmpty() && n.kind() == Kind.STATE && ends(root, n.name())) {
        edges.add(new Edge(n.id(), END, EdgeKind.NEXT, ""));
      }
    }
    return new StateGraph(nodes, edges);
  }

  private static boolean ends(JsonNode scope, String name) {
    JsonNode state = scope.path("States").path(name);
    String type = state.path("Type").asText();
    return state.path("End").asBoolean(false) || type.equals("Succeed") || type.equals("Fail");
  }

  /**
   * Adds the states of one scope (the top level, a branch, an item processor).
   *
   * @return the id of its StartAt state, or empty when it names none that exists
   */
  private static String scope(JsonNode scope, String parent, List<Node> nodes, List<Edge> edges) {
    JsonNode states = scope.path("States");
    String prefix = parent.isEmpty() ? "" : parent + "/";
    for (Iterator<Map.Entry<String, JsonNode>> it = states.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      String name = entry.getKey();
      JsonNode state = entry.getValue();
      String id = prefix + name;
      String type = state.path("Type").asText("");
      nodes.add(new Node(id, name, type, Kind.STATE, parent));
      JsonNode branches = state.path("Branches");
      for (int b = 0; b < branches.size(); b++) {
        String branchId = id + "/" + b;
        nodes.add(new Node(branchId, "Branch " + (b + 1), "", Kind.BRANCH, id));
        scope(branches.get(b), branchId, nodes, edges);
      }
      JsonNode processor =
          state.has("ItemProcessor") ? state.path("ItemProcessor") : state.path("Iterator");
      if (processor.isObject()) {
        String processorId = id + "/items";
        nodes.add(new Node(processorId, "Each item", "", Kind.ITERATOR, id));
        scope(processor, processorId, nodes, edges);
      }
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = states.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      String id = prefix + entry.getKey();
      JsonNode state = entry.getValue();
      link(states, prefix, id, state.path("Next"), EdgeKind.NEXT, parent, edges);
      link(states, prefix, id, state.path("Default"), EdgeKind.DEFAULT, parent, edges);
      for (JsonNode choice : state.path("Choices")) {
        link(states, prefix, id, choice.path("Next"), EdgeKind.CHOICE, parent, edges);
      }
      for (JsonNode catcher : state.path("Catch")) {
        link(states, prefix, id, catcher.path("Next"), EdgeKind.CATCH, parent, edges);
      }
    }
    String startAt = scope.path("StartAt").asText("");
    return states.has(startAt) ? prefix + startAt : "";
  }

  /** An edge to a state of the same scope; a name that is not one (an invalid definition) none. */
  private static void link(
      JsonNode states,
      String prefix,
      String from,
      JsonNode next,
      EdgeKind kind,
      String parent,
      List<Edge> edges) {
    if (next.isTextual() && states.has(next.asText())) {
      Edge edge = new Edge(from, prefix + next.asText(), kind, parent);
      if (!edges.contains(edge)) {
        edges.add(edge);
      }
    }
  }
}
