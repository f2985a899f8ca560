package dev.redrive.simulator.path.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.List;
import java.util.Objects;

/** One argument of an intrinsic call, as parsed. */
sealed interface Argument {

  /** The argument's value for one evaluation. */
  JsonNode evaluate(Evaluation evaluation);

  /** A number, {@code true}, {@code false} or {@code null} written in the call. */
  record Literal(JsonNode value) implements Argument {
    public Literal {
      Objects.requireNonNull(value, "value");
    }

    @Override
    public JsonNode evaluate(Evaluation evaluation) {
      return value;
    }
  }

  /**
   * A string in single quotes, with its escapes already applied. {@code template} holds the same
   * text split at each unescaped {@code {}}, for {@code States.Format}: an escaped {@code \{\}} is
   * literal text, never a placeholder.
   */
  record StringLiteral(String value, List<String> template) implements Argument {
    public StringLiteral {
      Objects.requireNonNull(value, "value");
      template = List.copyOf(template);
    }

    @Override
    public JsonNode evaluate(Evaluation evaluation) {
      return TextNode.valueOf(value);
    }
  }

  /** A reference path: {@code $...}, {@code $$...} or {@code $var...}. */
  record Path(String path) implements Argument {
    public Path {
      Objects.requireNonNull(path, "path");
    }

    @Override
    public JsonNode evaluate(Evaluation evaluation) {
      return evaluation.resolve(path);
    }
  }

  /** A nested intrinsic call. */
  record Call(IntrinsicCall call) implements Argument {
    public Call {
      Objects.requireNonNull(call, "call");
    }

    @Override
    public JsonNode evaluate(Evaluation evaluation) {
      return call.evaluateNested(evaluation);
    }
  }
}
