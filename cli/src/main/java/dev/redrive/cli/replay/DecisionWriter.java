package dev.redrive.cli.replay;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import dev.redrive.policy.Decision;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * {@code replay --json}'s output: one JSON object per line, per event, in input order:
 *
 * <pre>{@code
 * {"source":"events/a.jsonl:17","executionArn":"arn:...","action":"REDRIVE","delaySeconds":30,
 *  "rule":"orders-transient","reason":"..."}
 * {"source":"events/a.jsonl:18","error":"not JSON: ..."}
 * }</pre>
 */
final class DecisionWriter {
  private final JsonGenerator json;

  DecisionWriter(Writer out) {
    try {
      json =
          JsonFactory.builder()
              .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
              .build()
              .createGenerator(out);
      json.setRootValueSeparator(null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void decision(Source source, String executionArn, Decision decision) {
    try {
      json.writeStartObject();
      json.writeStringField("source", source.toString());
      json.writeStringField("executionArn", executionArn);
      json.writeStringField("action", decision.action().name());
      json.writeNumberField("delaySeconds", decision.delaySeconds());
      json.writeFieldName("rule");
      if (decision.rule().isPresent()) {
        json.writeString(decision.rule().get());
      } else {
        json.writeNull();
      }
      json.writeStringField("reason", decision.reason());
      json.writeEndObject();
      json.writeRaw('\n');
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void error(Source source, String message) {
    try {
      json.writeStartObject();
      json.writeStringField("source", source.toString());
      json.writeStringField("error", message);
      json.writeEndObject();
      json.writeRaw('\n');
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void flush() {
    try {
      json.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
