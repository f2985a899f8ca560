package dev.redrive.simulator.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.redrive.simulator.definition.validation.DefinitionValidator;
import dev.redrive.simulator.definition.validation.Diagnostic;
import dev.redrive.simulator.validation.Constraints;
import dev.redrive.simulator.validation.RequestValidator;
import java.util.List;

/**
 * ValidateStateMachineDefinition: {@code {"result": "OK" | "FAIL", "diagnostics": [...],
 * "truncated": false}}, the diagnostics in AWS's order, at most {@code maxResults} of them.
 */
final class ValidateStateMachineDefinition implements Operation {
  ValidateStateMachineDefinition() {}

  @Override
  public ObjectNode handle(ApiRequest r) {
    String definition = r.requiredString("definition");
    String type = r.string("type");
    Integer maxResults = r.integer("maxResults");
    new Constraints()
        .oneOf("type", type, RequestValidator.STATE_MACHINE_TYPES)
        .oneOf("severity", r.string("severity"), List.of("ERROR", "WARNING"))
        .maxValue("maxResults", maxResults, 100)
        .minValue("maxResults", maxResults, 0)
        .check();
    RequestValidator.definitionSize(definition);
    List<Diagnostic> diagnostics = DefinitionValidator.diagnose(definition, type);
    int limit = maxResults == null || maxResults == 0 ? 100 : maxResults;
    ObjectNode out = Json.object();
    out.put("result", diagnostics.isEmpty() ? "OK" : "FAIL");
    ArrayNode list = out.putArray("diagnostics");
    for (Diagnostic d : diagnostics.subList(0, Math.min(limit, diagnostics.size()))) {
      ObjectNode item = list.addObject();
      item.put("severity", d.severity());
      item.put("code", d.code());
      item.put("message", d.message());
      if (d.location() != null) {
        item.put("location", d.location());
      }
    }
    out.put("truncated", diagnostics.size() > limit);
    return out;
  }
}
