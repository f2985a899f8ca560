package dev.redrive.simulator.definition.choice;

import com.fasterxml.jackson.databind.JsonNode;
import dev.redrive.simulator.path.PathResolver;
import java.util.Objects;
import java.util.Optional;

/** A compiled rule: its condition, and the {@code Next} and {@code Assign} of a top-level rule. */
record CompiledChoiceRule(Condition condition, Optional<String> next, Optional<JsonNode> assign)
    implements ChoiceRule {

  CompiledChoiceRule {
    Objects.requireNonNull(condition, "condition");
    Objects.requireNonNull(next, "next");
    Objects.requireNonNull(assign, "assign");
  }

  @Override
  public boolean matches(PathResolver resolver) {
    return condition.test(resolver);
  }
}
