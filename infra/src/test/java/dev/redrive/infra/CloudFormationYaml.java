package dev.redrive.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads a CloudFormation YAML template into a JSON tree, turning the short-form intrinsic tags into
 * their long form as CloudFormation does: {@code !Ref X} becomes {@code {"Ref": "X"}}, {@code !Sub
 * s} becomes {@code {"Fn::Sub": s}}, {@code !GetAtt A.B} becomes {@code {"Fn::GetAtt": ["A",
 * "B"]}}, {@code !Condition C} becomes {@code {"Condition": "C"}}. An unknown tag is an error.
 */
final class CloudFormationYaml {
  /**
   * The functions with a short form, as listed in the CloudFormation intrinsic function reference.
   */
  static final List<String> FUNCTIONS =
      List.of(
          "And",
          "Base64",
          "Cidr",
          "Equals",
          "FindInMap",
          "GetAZs",
          "If",
          "ImportValue",
          "Join",
          "Length",
          "Not",
          "Or",
          "Select",
          "Split",
          "Sub",
          "ToJsonString",
          "Transform");

  private static final ObjectMapper JSON = new ObjectMapper();

  private CloudFormationYaml() {}

  static JsonNode read(Path file) throws IOException {
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      Object tree = new Yaml(new IntrinsicConstructor()).load(reader);
      return JSON.valueToTree(tree);
    }
  }

  static JsonNode read(String text) {
    return JSON.valueToTree(new Yaml(new IntrinsicConstructor()).load(text));
  }

  private static final class IntrinsicConstructor extends SafeConstructor {
    IntrinsicConstructor() {
      super(new LoaderOptions());
      yamlConstructors.put(new Tag("!Ref"), new Intrinsic("Ref"));
      yamlConstructors.put(new Tag("!Condition"), new Intrinsic("Condition"));
      yamlConstructors.put(new Tag("!GetAtt"), new GetAtt());
      for (String function : FUNCTIONS) {
        yamlConstructors.put(new Tag("!" + function), new Intrinsic("Fn::" + function));
      }
    }

    private Object content(Node node) {
      if (node instanceof ScalarNode scalar) {
        return constructScalar(scalar);
      }
      if (node instanceof SequenceNode sequence) {
        return constructSequence(sequence);
      }
      return constructMapping((MappingNode) node);
    }

    private final class Intrinsic extends AbstractConstruct {
      private final String name;

      Intrinsic(String name) {
        this.name = name;
      }

      @Override
      public Object construct(Node node) {
        return Map.of(name, content(node));
      }
    }

    /** {@code !GetAtt Resource.Attribute}: the long form takes the two parts as a list. */
    private final class GetAtt extends AbstractConstruct {
      @Override
      public Object construct(Node node) {
        Object value = content(node);
        if (value instanceof String text) {
          int dot = text.indexOf('.');
          if (dot < 0) {
            throw new IllegalArgumentException(
                "expected !GetAtt Resource.Attribute, found '"
                    + text
                    + "' at "
                    + node.getStartMark());
          }
          value = List.of(text.substring(0, dot), text.substring(dot + 1));
        }
        return Map.of("Fn::GetAtt", value);
      }
    }
  }
}
