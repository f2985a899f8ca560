package dev.redrive.simulator.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.redrive.simulator.service.StateMachineAlias;
import dev.redrive.simulator.service.VersionsAndAliases;
import dev.redrive.simulator.validation.Constraints;
import dev.redrive.simulator.validation.InvalidRequestException;
import java.util.ArrayList;
import java.util.List;

/** What the version and alias operations share: reading a routing, rendering an alias. */
final class Versions {
  private Versions() {}

  /**
   * The {@code routingConfiguration} of a request.
   *
   * @param required whether it must be present (CreateStateMachineAlias)
   * @return null when absent and not required
   */
  static List<StateMachineAlias.Route> routing(ApiRequest r, boolean required) {
    JsonNode list = r.array("routingConfiguration");
    if (list == null) {
      if (required) {
        throw ApiException.missing("routingConfiguration");
      }
      return null;
    }
    Constraints c = new Constraints();
    List<StateMachineAlias.Route> out = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      JsonNode item = list.get(i);
      String where = "routingConfiguration." + (i + 1) + ".member.";
      if (!item.isObject()) {
        throw ApiException.serialization("Expected an object for '" + where + "'");
      }
      JsonNode arn = item.get("stateMachineVersionArn");
      JsonNode weight = item.get("weight");
      if (arn == null || arn.isNull()) {
        throw ApiException.missing(where + "stateMachineVersionArn");
      }
      if (weight == null || weight.isNull()) {
        throw ApiException.missing(where + "weight");
      }
      if (!arn.isTextual() || !weight.isIntegralNumber() || !weight.canConvertToInt()) {
        throw ApiException.serialization(
            "Expected a string 'stateMachineVersionArn' and an integer 'weight' at '"
                + where
                + "'");
      }
      c.minValue(where + "weight", weight.intValue(), 0)
          .maxValue(where + "weight", weight.intValue(), 100);
      out.add(null);
    }
    c.check();
    for (int i = 0; i < list.size(); i++) {
      out.set(
          i,
          new StateMachineAlias.Route(
              list.get(i).get("stateMachineVersionArn").asText(),
              list.get(i).get("weight").intValue()));
    }
    return out;
  }

  /**
   * An ARN that must name a state machine itself, not one of its versions or aliases.
   *
   * @throws InvalidRequestException {@code ValidationException} for a qualified ARN
   */
  static String unqualifiedOnly(String arn) {
    if (VersionsAndAliases.isQualified(arn)) {
      throw new InvalidRequestException(
          InvalidRequestException.VALIDATION_EXCEPTION,
          "Unsupported state machine ARN qualifier: '" + arn + "'");
    }
    return arn;
  }

  /** DescribeStateMachineAlias. */
  static ObjectNode alias(StateMachineAlias a) {
    ObjectNode out = Json.object();
    out.put("stateMachineAliasArn", a.arn());
    out.put("name", a.name());
    Json.putText(out, "description", a.description());
    ArrayNode routing = out.putArray("routingConfiguration");
    for (StateMachineAlias.Route route : a.routing()) {
      routing
          .addObject()
          .put("stateMachineVersionArn", route.stateMachineVersionArn())
          .put("weight", route.weight());
    }
    Json.putDate(out, "creationDate", a.creationDate());
    Json.putDate(out, "updateDate", a.updateDate());
    return out;
  }
}
