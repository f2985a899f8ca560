package dev.redrive.console.graph;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.eclipse.elk.alg.layered.options.LayeredMetaDataProvider;
import org.eclipse.elk.alg.layered.options.LayeredOptions;
import org.eclipse.elk.core.RecursiveGraphLayoutEngine;
import org.eclipse.elk.core.data.LayoutMetaDataService;
import org.eclipse.elk.core.math.ElkPadding;
import org.eclipse.elk.core.options.CoreOptions;
import org.eclipse.elk.core.options.Direction;
import org.eclipse.elk.core.options.EdgeRouting;
import org.eclipse.elk.core.util.BasicProgressMonitor;
import org.eclipse.elk.graph.ElkBendPoint;
import org.eclipse.elk.graph.ElkEdge;
import org.eclipse.elk.graph.ElkEdgeSection;
import org.eclipse.elk.graph.ElkNode;
import org.eclipse.elk.graph.util.ElkGraphUtil;

/**
 * Lays a {@link StateGraph} out with the Eclipse Layout Kernel's layered algorithm, top to bottom,
 * each container (Parallel state, branch, Map item processor) laid out around its content. The
 * coordinates returned are absolute, in pixels, from the top left corner of the drawing.
 *
 * <p>Thread-safe: each call builds its own ELK graph.
 */
public final class GraphLayout {
  private static final double STATE_HEIGHT = 36;
  private static final double CHAR_WIDTH = 7.4;
  private static final double CONTAINER_TITLE = 26;

  static {
    LayoutMetaDataService.getInstance()
        .registerLayoutMetaDataProviders(new LayeredMetaDataProvider());
  }

  private GraphLayout() {}

  /**
   * A node where the layout put it.
   *
   * @param x left, absolute
   * @param y top, absolute
   */
  public record Placed(StateGraph.Node node, double x, double y, double width, double height) {
    public Placed {
      Objects.requireNonNull(node, "node");
    }
  }

  /**
   * An edge as routed: a polyline of absolute points, start first.
   *
   * @param points x0, y0, x1, y1, ...
   */
  public record Routed(StateGraph.Edge edge, List<Double> points) {
    public Routed {
      Objects.requireNonNull(edge, "edge");
      points = List.copyOf(points);
    }
  }

  /** A graph laid out: the drawing's size, its nodes (containers first) and its edges. */
  public record Laid(double width, double height, List<Placed> nodes, List<Routed> edges) {
    public Laid {
      nodes = List.copyOf(nodes);
      edges = List.copyOf(edges);
    }
  }

  /** Lays {@code graph} out. */
  public static Laid layout(StateGraph graph) {
    ElkNode root = ElkGraphUtil.createGraph();
    configure(root);
    Map<String, ElkNode> elk = new HashMap<>();
    Map<String, StateGraph.Node> byId = new HashMap<>();
    for (StateGraph.Node n : graph.nodes()) {
      ElkNode parent = n.parent().isEmpty() ? root : elk.get(n.parent());
      ElkNode node = ElkGraphUtil.createNode(parent);
      node.setIdentifier(n.id());
      byId.put(n.id(), n);
      switch (n.kind()) {
        case START, END -> node.setDimensions(70, 28);
        case STATE -> node.setDimensions(Math.max(110, n.name().length() * CHAR_WIDTH + 28), 36);
        case BRANCH, ITERATOR -> node.setDimensions(60, 40);
      }
      elk.put(n.id(), node);
    }
    for (StateGraph.Node n : graph.nodes()) {
      ElkNode node = elk.get(n.id());
      if (!node.getChildren().isEmpty()) {
        configure(node);
        node.setProperty(
            CoreOptions.PADDING,
            new ElkPadding(n.kind() == StateGraph.Kind.STATE ? CONTAINER_TITLE : 20, 14, 14, 14));
      }
    }
    Map<ElkEdge, StateGraph.Edge> edges = new HashMap<>();
    List<ElkEdge> order = new ArrayList<>();
    for (StateGraph.Edge e : graph.edges()) {
      ElkEdge edge = ElkGraphUtil.createSimpleEdge(elk.get(e.from()), elk.get(e.to()));
      ElkGraphUtil.updateContainment(edge);
      edges.put(edge, e);
      order.add(edge);
    }
    new RecursiveGraphLayoutEngine().layout(root, new BasicProgressMonitor());

    List<Placed> placed = new ArrayList<>();
    Map<ElkNode, double[]> origin = new HashMap<>();
    origin.put(root, new double[] {0, 0});
    for (StateGraph.Node n : graph.nodes()) {
      ElkNode node = elk.get(n.id());
      double[] o = origin.get(node.getParent());
      double x = o[0] + node.getX();
      double y = o[1] + node.getY();
      origin.put(node, new double[] {x, y});
      placed.add(new Placed(n, x, y, node.getWidth(), node.getHeight()));
    }
    List<Routed> routed = new ArrayList<>();
    for (ElkEdge edge : order) {
      double[] o = origin.get(edge.getContainingNode());
      List<Double> points = new ArrayList<>();
      for (ElkEdgeSection s : edge.getSections()) {
        points.add(o[0] + s.getStartX());
        points.add(o[1] + s.getStartY());
        for (ElkBendPoint b : s.getBendPoints()) {
          points.add(o[0] + b.getX());
          points.add(o[1] + b.getY());
        }
        points.add(o[0] + s.getEndX());
        points.add(o[1] + s.getEndY());
      }
      routed.add(new Routed(edges.get(edge), points));
    }
    return new Laid(root.getWidth(), root.getHeight(), placed, routed);
  }

  private static void configure(ElkNode node) {
    node.setProperty(CoreOptions.ALGORITHM, LayeredOptions.ALGORITHM_ID);
    node.setProperty(CoreOptions.DIRECTION, Direction.DOWN);
    node.setProperty(CoreOptions.EDGE_ROUTING, EdgeRouting.ORTHOGONAL);
    node.setProperty(LayeredOptions.SPACING_NODE_NODE, 24.0);
    node.setProperty(LayeredOptions.SPACING_NODE_NODE_BETWEEN_LAYERS, 30.0);
    node.setProperty(CoreOptions.PADDING, new ElkPadding(16));
  }
}
