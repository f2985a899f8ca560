package dev.redrive.functions.testing;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * SQS events as Lambda hands them to the handler, read from files in {@code src/test/resources/sqs}
 * (AWS's JSON, {@code Records} with {@code messageId}, {@code body}, {@code attributes}, {@code
 * eventSourceARN}...): the bodies are the captured Step Functions events of events-samples.
 */
public final class SqsEvents {
  // Lambda's names differ from the event classes' only in case (Records, eventSourceARN); the
  // fields those classes lack are dropped, as Lambda's own serializer does.
  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

  private SqsEvents() {}

  /** The SQS event in the classpath resource {@code name}, e.g. {@code sqs/one-failure.json}. */
  public static SQSEvent load(String name) {
    try (InputStream in = SqsEvents.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalArgumentException("no SQS event " + name + " on the classpath");
      }
      return JSON.readValue(in, SQSEvent.class);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read SQS event " + name, e);
    }
  }
}
