package dev.redrive.console.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class GraphLayoutTest {
  static final String PARALLEL_AND_MAP =
      """
      {"StartAt": "Check", "States": {
         "Check": {"Type": "Choice", "Choices": [{"Variable": "$.ok", "BooleanEquals": true,
           "Next": "Both"}], "Default": "Reject"},
         "Reject": {"Type": "Fail", "Error": "No"},
         "Both": {"Type": "Parallel", "Branches": [
           {"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}},
           {"StartAt": "Each", "States": {"Each": {"Type": "Map",
             "ItemProcessor": {"StartAt": "Item", "States": {"Item": {"Type": "Pass", "End": true}}},
             "End": true}}}],
           "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Reject"}],
           "End": true}}}
      """;

  @Test
  void nestsBranchesAndItemProcessorsInsideTheirStates() {
    StateGraph graph = StateGraph.of(PARALLEL_AND_MAP);

    Map<String, StateGraph.Node> nodes =
        graph.nodes().stream().collect(Collectors.toMap(StateGraph.Node::id, Function.identity()));
    assertThat(nodes.get("Both/0").kind()).isEqualTo(StateGraph.Kind.BRANCH);
    assertThat(nodes.get("Both/0/A").parent()).isEqualTo("Both/0");
    assertThat(nodes.get("Both/1/Each/items").kind()).isEqualTo(StateGraph.Kind.ITERATOR);
    assertThat(nodes.get("Both/1/Each/items/Item").parent()).isEqualTo("Both/1/Each/items");
    assertThat(graph.edges())
        .extracting(e -> e.from() + ">" + e.to() + ":" + e.kind())
        .contains(
            "__start>Check:NEXT",
            "Check>Both:CHOICE",
            "Check>Reject:DEFAULT",
            "Both>Reject:CATCH",
            "Both>__end:NEXT",
            "Reject>__end:NEXT");
  }

  @Test
  void placesContainedStatesInsideTheirContainer() {
    GraphLayout.Laid laid = GraphLayout.layout(StateGraph.of(PARALLEL_AND_MAP));

    Map<String, GraphLayout.Placed> placed =
        laid.nodes().stream().collect(Collectors.toMap(p -> p.node().id(), Function.identity()));
    for (GraphLayout.Placed p : laid.nodes()) {
      if (!p.node().parent().isEmpty()) {
        GraphLayout.Placed parent = placed.get(p.node().parent());
        assertThat(p.x()).as(p.node().id()).isGreaterThanOrEqualTo(parent.x());
        assertThat(p.y()).as(p.node().id()).isGreaterThanOrEqualTo(parent.y());
        assertThat(p.x() + p.width())
            .as(p.node().id())
            .isLessThanOrEqualTo(parent.x() + parent.width());
        assertThat(p.y() + p.height())
            .as(p.node().id())
            .isLessThanOrEqualTo(parent.y() + parent.height());
      }
    }
    assertThat(placed.get("Check").y()).isLessThan(placed.get("Both").y());
    assertThat(laid.edges()).allSatisfy(e -> assertThat(e.points()).hasSizeGreaterThanOrEqualTo(4));
    assertThat(laid.width()).isPositive();
  }

  @Test
  void rejectsTextThatIsNotADefinitionSayingWhatWasFound() {
    assertThatThrownBy(() -> StateGraph.of("{\"StartAt\": \"A\"}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expected a definition with a States object");
    assertThatThrownBy(() -> StateGraph.of("{"))
        .hasMessageContaining("expected a state machine definition in JSON");
  }
}
