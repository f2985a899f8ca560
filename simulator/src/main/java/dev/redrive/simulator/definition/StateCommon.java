package dev.redrive.simulator.definition;

import com.fasterxml.jackson.databind.JsonNode;
import dev.redrive.simulator.path.PathField;
import dev.redrive.simulator.path.PayloadTemplate;
import java.util.List;
import java.util.Optional;

/**
 * The fields every state type may carry, compiled. Fields a type does not allow are empty (the
 * validator rejects them before parsing).
 *
 * @param name the state's name
 * @param type the {@code Type} as written, e.g. {@code Pass}
 * @param queryLanguage the effective query language (the state's, else the state machine's)
 * @param next the {@code Next} state, empty when the state ends its branch
 * @param inputPath {@code InputPath} (JSONPath mode)
 * @param outputPath {@code OutputPath} (JSONPath mode)
 * @param resultPath {@code ResultPath} (JSONPath mode)
 * @param parameters {@code Parameters} (JSONPath mode)
 * @param resultSelector {@code ResultSelector} (JSONPath mode)
 * @param arguments {@code Arguments} (JSONata mode), as written
 * @param output {@code Output} (JSONata mode), as written
 * @param assign {@code Assign} compiled as a payload template (JSONPath mode)
 * @param assignRaw {@code Assign} as written (JSONata mode)
 * @param retry the {@code Retry} list
 * @param catchers the {@code Catch} list
 */
public record StateCommon(
    String name,
    String type,
    QueryLanguage queryLanguage,
    Optional<String> next,
    PathField inputPath,
    PathField outputPath,
    PathField resultPath,
    Optional<PayloadTemplate> parameters,
    Optional<PayloadTemplate> resultSelector,
    Optional<JsonNode> arguments,
    Optional<JsonNode> output,
    Optional<PayloadTemplate> assign,
    Optional<JsonNode> assignRaw,
    List<Retrier> retry,
    List<Catcher> catchers) {
  public StateCommon {
    retry = List.copyOf(retry);
    catchers = List.copyOf(catchers);
  }

  /** True in JSONata mode. */
  public boolean jsonata() {
    return queryLanguage == QueryLanguage.JSONATA;
  }
}
