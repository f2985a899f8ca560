package dev.redrive.simulator.path.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.PathNotFoundException;
import com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import dev.redrive.simulator.path.PathResolver;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link PathResolver} for tests, built on Jayway JsonPath: {@code $...} against the input,
 * {@code $$...} against the context object, {@code $name...} against a variable.
 */
record TestResolver(JsonNode input, JsonNode context, Map<String, JsonNode> variables)
    implements PathResolver {
  private static final Configuration JSON_PATH =
      Configuration.builder()
          .jsonProvider(new JacksonJsonNodeJsonProvider())
          .mappingProvider(new JacksonMappingProvider())
          .build();

  TestResolver {
    variables = Map.copyOf(variables);
  }

  static TestResolver of(JsonNode input) {
    return new TestResolver(input, NullNode.getInstance(), Map.of());
  }

  @Override
  public Optional<JsonNode> resolve(String path) {
    if (path.startsWith("$$")) {
      return read(context, path.substring(1));
    }
    if (path.length() > 1 && path.charAt(1) != '.' && path.charAt(1) != '[') {
      int end = 1;
      while (end < path.length() && path.charAt(end) != '.' && path.charAt(end) != '[') {
        end++;
      }
      JsonNode variable = variables.get(path.substring(1, end));
      return variable == null ? Optional.empty() : read(variable, "$" + path.substring(end));
    }
    return read(input, path);
  }

  private static Optional<JsonNode> read(JsonNode document, String path) {
    if (path.equals("$")) {
      return Optional.of(document);
    }
    try {
      JsonNode value = JsonPath.using(JSON_PATH).parse(document).read(path);
      return Optional.of(value == null ? NullNode.getInstance() : value);
    } catch (PathNotFoundException e) {
      return Optional.empty();
    }
  }
}
