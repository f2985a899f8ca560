package dev.redrive.simulator.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.redrive.simulator.Simulator;
import dev.redrive.simulator.definition.validation.Placeholders;
import dev.redrive.simulator.runtime.VirtualClock;
import dev.redrive.simulator.testing.Corpus;
import dev.redrive.simulator.teststate.CorpusMatch;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.SfnException;

/**
 * The judge of the API: every case of AWS's recordings ({@code api-error-cases.jsonl}, {@code
 * test-state-cases.jsonl}) and of our own cases written from AWS's API reference ({@code
 * src/test/resources/api-own-cases.jsonl}), sent through a real AWS SDK v2 {@code SfnClient} over
 * HTTP to the served simulator (host prefix injection disabled).
 *
 * <p>A refused call passes when the HTTP status, the error code and the message are AWS's (the
 * recording's placeholders, such as {@code <region>} or {@code <ArnPart_0idx>}, stand for any
 * value); a TestState call passes when the whole response matches the recording after the corpus'
 * normalisation. A case the endpoint does not serve, or that the SDK cannot send, fails with the
 * reason.
 *
 * <p>Every case is counted in {@code target/api-conformance/report.txt}. The cases that passed are
 * listed in {@code src/test/resources/api-conformance-baseline.txt}: a case listed there that fails
 * fails the build. Run with {@code -Dredrive.judge.writeBaseline=true} to rewrite the list from the
 * current run (after checking the report).
 */
class ApiConformanceTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path BASELINE = Path.of("src/test/resources/api-conformance-baseline.txt");
  private static final Path REPORT = Path.of("target/api-conformance/report.txt");
  private static final String OWN_CASES = "/api-own-cases.jsonl";
  private static final String TEST_STATE_ROLE = "arn:aws:iam::111111111111:role/TestStateRole";

  /** How the recording refers to the {@code nextToken} of the previous response. */
  private static final String PREVIOUS_TOKEN = "AUTO<resp.call['nextToken']>";

  private static final Pattern PLACEHOLDER =
      Pattern.compile(
          "<(partition|region|ArnPart_\\d+idx|ExecArnPart_\\d+idx|resource:\\d+"
              + "|invalid_token_\\d+_chars)>");

  /** The outcome of one case: empty reason when it passed. */
  private record Outcome(String set, String id, String reason) {
    boolean passed() {
      return reason.isEmpty();
    }

    String key() {
      return set + " " + id;
    }
  }

  @Test
  void answersEveryCaseAsAwsDoes() throws IOException {
    List<Outcome> outcomes = new ArrayList<>();
    try (Endpoint endpoint = new Endpoint()) {
      RawClient raw = new RawClient(endpoint.server.port());
      for (JsonNode c : Corpus.cases("api-error-cases.jsonl")) {
        outcomes.add(new Outcome("api-error", c.path("id").asText(), refused(endpoint, raw, c)));
      }
      for (JsonNode c : ownCases()) {
        outcomes.add(new Outcome("own", c.path("id").asText(), refused(endpoint, raw, c)));
      }
    }
    try (Endpoint endpoint =
        new Endpoint(
            Simulator.builder()
                .clock(new VirtualClock(Instant.parse("2025-12-03T00:00:00Z")))
                .build())) {
      for (JsonNode c : Corpus.cases("test-state-cases.jsonl")) {
        outcomes.add(new Outcome("test-state", c.path("id").asText(), tested(endpoint, c)));
      }
    }
    report(outcomes);
    Set<String> passing = new TreeSet<>();
    outcomes.stream().filter(Outcome::passed).forEach(o -> passing.add(o.key()));
    if (Boolean.getBoolean("redrive.judge.writeBaseline")) {
      Files.write(BASELINE, passing, StandardCharsets.UTF_8);
    }
    List<String> regressions = new ArrayList<>();
    for (String key : baseline()) {
      if (!passing.contains(key)) {
        outcomes.stream()
            .filter(o -> o.key().equals(key))
            .findFirst()
            .ifPresentOrElse(
                o -> regressions.add(key + "\n    " + o.reason()),
                () -> regressions.add(key + "\n    no longer in the cases"));
      }
    }
    assertThat(regressions).as("cases in the baseline that no longer pass").isEmpty();
  }

  /** Writes the report and prints its summary. */
  private static void report(List<Outcome> outcomes) throws IOException {
    Map<String, int[]> counts = new LinkedHashMap<>();
    for (Outcome o : outcomes) {
      int[] c = counts.computeIfAbsent(o.set(), s -> new int[2]);
      c[0]++;
      c[1] += o.passed() ? 1 : 0;
    }
    List<String> lines = new ArrayList<>();
    lines.add("API conformance through SfnClient over HTTP");
    counts.forEach(
        (set, c) ->
            lines.add(
                String.format(
                    "%-11s %3d/%3d match AWS (%.1f %%)", set, c[1], c[0], 100.0 * c[1] / c[0])));
    lines.add("");
    for (Outcome o : outcomes) {
      lines.add((o.passed() ? "PASS " : "FAIL ") + o.key());
      if (!o.passed()) {
        lines.add("    " + o.reason().replace("\n", "\n    "));
      }
    }
    Files.createDirectories(REPORT.getParent());
    Files.write(REPORT, lines, StandardCharsets.UTF_8);
    lines.subList(0, counts.size() + 1).forEach(System.out::println);
    System.out.println("report: " + REPORT.toAbsolutePath());
  }

  private static Set<String> baseline() throws IOException {
    Set<String> out = new TreeSet<>();
    if (Files.exists(BASELINE)) {
      for (String line : Files.readAllLines(BASELINE, StandardCharsets.UTF_8)) {
        if (!line.isBlank()) {
          out.add(line.strip());
        }
      }
    }
    return out;
  }

  private static List<JsonNode> ownCases() throws IOException {
    List<JsonNode> out = new ArrayList<>();
    try (InputStream in = ApiConformanceTest.class.getResourceAsStream(OWN_CASES)) {
      if (in == null) {
        return out;
      }
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank()) {
          out.add(JSON.readTree(line));
        }
      }
    }
    return out;
  }

  /** Runs one refused-call case; empty when it matches AWS, otherwise what differed. */
  private static String refused(Endpoint endpoint, RawClient raw, JsonNode c) {
    Map<String, String> placeholders = new LinkedHashMap<>();
    placeholders.put("${ROLE_ARN}", Endpoint.ROLE_ARN);
    int machines = 0;
    int activities = 0;
    for (JsonNode call : c.path("preceding_successful_calls")) {
      String op = ApiErrorCasesTest.operationName(call.path("op").asText());
      ObjectNode response;
      try {
        response = SdkBridge.call(endpoint.sfn, op, substitute(call.path("kwargs"), placeholders));
      } catch (SfnException e) {
        return "preceding "
            + op
            + " failed: "
            + e.statusCode()
            + " "
            + e.awsErrorDetails().errorCode()
            + " | "
            + e.awsErrorDetails().errorMessage();
      } catch (RuntimeException e) {
        return "preceding " + op + " not sent: " + e;
      }
      if (response.hasNonNull("nextToken")) {
        placeholders.put(PREVIOUS_TOKEN, response.get("nextToken").asText());
      }
      if (op.equals("CreateStateMachine")) {
        placeholders.put("${SM_ARN_" + machines++ + "}", response.path("stateMachineArn").asText());
      } else if (op.equals("CreateActivity")) {
        placeholders.put(
            "${ACTIVITY_ARN_" + activities++ + "}", response.path("activityArn").asText());
      }
    }
    String op = ApiErrorCasesTest.operationName(c.path("operation").asText());
    JsonNode expected = c.path("expected_error");
    String code = expected.path("Error").path("Code").asText();
    String message = expected.path("Error").path("Message").asText();
    int status = expected.path("ResponseMetadata").path("HTTPStatusCode").asInt(400);
    int actualStatus;
    String actualCode;
    String actualMessage;
    if (c.has("raw_body")) {
      // Bodies no SDK sends (not JSON, not an object): our own cases of the protocol layer.
      RawClient.Response r = raw.call(op, substitute(c.path("raw_body").asText(), placeholders));
      actualStatus = r.status();
      actualCode = r.errorType();
      actualMessage = r.message();
    } else {
      ObjectNode request = substitute(c.path("request"), placeholders);
      request.remove("definition_parsed");
      try {
        ObjectNode response = SdkBridge.call(endpoint.sfn, op, request);
        return "expected: " + status + " " + code + " | " + message + "\n  accepted: " + response;
      } catch (SfnException e) {
        actualStatus = e.statusCode();
        actualCode = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        actualMessage = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorMessage();
      } catch (SdkBridge.NotExpressible e) {
        return "not sent: the SDK cannot express this request: " + e.getMessage();
      } catch (RuntimeException e) {
        return "expected: " + status + " " + code + " | " + message + "\n  client error: " + e;
      }
    }
    String normalised = normalised(actualMessage, placeholders);
    boolean same =
        actualStatus == status
            && code.equals(actualCode)
            && actualMessage != null
            && pattern(message).matcher(normalised).matches();
    return same
        ? ""
        : "expected: "
            + status
            + " "
            + code
            + " | "
            + message
            + "\n  actual:   "
            + actualStatus
            + " "
            + actualCode
            + " | "
            + normalised;
  }

  /** Runs one TestState case; empty when the response matches AWS's, otherwise what differed. */
  private static String tested(Endpoint endpoint, JsonNode c) {
    JsonNode r = c.path("request");
    ObjectNode request = JSON.createObjectNode();
    JsonNode definition = r.path("definition");
    request.put(
        "definition",
        Placeholders.concrete(
            definition.isTextual() ? definition.asText() : definition.toString()));
    if (c.hasNonNull("request_raw_input")) {
      request.put("input", Placeholders.concrete(c.get("request_raw_input").asText()));
    } else if (r.has("input") && !r.get("input").isNull()) {
      request.put("input", Placeholders.concrete(r.get("input").toString()));
    }
    Iterator<Map.Entry<String, JsonNode>> fields = r.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> f = fields.next();
      if (f.getKey().equals("definition") || f.getKey().equals("input")) {
        continue;
      }
      request.set(f.getKey(), f.getValue().deepCopy());
    }
    if (request.hasNonNull("roleArn")) {
      request.put(
          "roleArn",
          Placeholders.concrete(
              request.get("roleArn").asText().replace("${ROLE_ARN}", TEST_STATE_ROLE)));
    }
    ObjectNode expected = c.path("expected_response").deepCopy();
    expected.remove("ResponseMetadata");
    JsonNode actual;
    try {
      actual = SdkBridge.call(endpoint.sfn, "TestState", request);
    } catch (SfnException e) {
      return "expected: "
          + expected
          + "\n  refused:  "
          + e.statusCode()
          + " "
          + (e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode())
          + " | "
          + e.getMessage();
    } catch (RuntimeException e) {
      return "not sent or not read: " + e;
    }
    CorpusMatch match = new CorpusMatch(Simulator.DEFAULT_REGION);
    JsonNode normalised = match.normalise(actual);
    List<String> diffs = match.differences(expected, normalised, "");
    return diffs.isEmpty()
        ? ""
        : "differs at: " + diffs + "\n  expected: " + expected + "\n  actual:   " + normalised;
  }

  private static ObjectNode substitute(JsonNode node, Map<String, String> placeholders) {
    ObjectNode out = node.deepCopy();
    Iterator<Map.Entry<String, JsonNode>> fields = out.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> f = fields.next();
      if (f.getValue().isTextual()) {
        f.setValue(TextNode.valueOf(substitute(f.getValue().asText(), placeholders)));
      } else if (f.getValue().isContainerNode()) {
        f.setValue(substituteAll(f.getValue(), placeholders));
      }
    }
    return out;
  }

  private static JsonNode substituteAll(JsonNode node, Map<String, String> placeholders) {
    if (node.isObject()) {
      return substitute(node, placeholders);
    }
    if (node.isArray()) {
      var out = JSON.createArrayNode();
      node.forEach(
          x ->
              out.add(
                  x.isTextual()
                      ? TextNode.valueOf(substitute(x.asText(), placeholders))
                      : substituteAll(x, placeholders)));
      return out;
    }
    return node;
  }

  private static String substitute(String text, Map<String, String> placeholders) {
    String out = text;
    for (Map.Entry<String, String> p : placeholders.entrySet()) {
      out = out.replace(p.getKey(), p.getValue());
    }
    return Placeholders.concrete(out);
  }

  /** The recording's normalisation: partition and region as placeholders, activity ARNs named. */
  private static String normalised(String message, Map<String, String> placeholders) {
    if (message == null) {
      return null;
    }
    String out = message;
    for (Map.Entry<String, String> p : placeholders.entrySet()) {
      if (p.getKey().startsWith("${ACTIVITY_ARN_")) {
        out = out.replace(p.getValue(), "activity_arn");
      }
    }
    return out.replace("arn:aws:", "arn:<partition>:").replace(":us-east-1:", ":<region>:");
  }

  private static Pattern pattern(String expected) {
    StringBuilder regex = new StringBuilder();
    Matcher m = PLACEHOLDER.matcher(expected);
    int last = 0;
    while (m.find()) {
      regex.append(Pattern.quote(expected.substring(last, m.start())));
      String name = m.group(1);
      regex.append(
          name.equals("partition") || name.equals("region") ? Pattern.quote(m.group()) : "[^:'/]+");
      last = m.end();
    }
    regex.append(Pattern.quote(expected.substring(last)));
    return Pattern.compile(regex.toString(), Pattern.DOTALL);
  }
}
