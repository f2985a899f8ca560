package dev.redrive.simulator.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The corpus README's normalisation, applied to the simulator's rendered history so that it can be
 * compared with AWS's recorded (already normalised) one.
 */
final class Normaliser {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final Pattern ISO =
      Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:?\\d{2})");
  private static final Pattern UUID =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  /** Keys whose values are request ids, recorded under either of two redactions. */
  private static final java.util.Set<String> RANDOM_KEYS =
      java.util.Set.of("x-amzn-RequestId", "RequestId");

  /** Literal (or regex) replacements in order: the case's transformers, then names and ARNs. */
  private final List<String[]> regexes = new ArrayList<>();

  private final Map<String, String> literals = new LinkedHashMap<>();

  /** Whole ARNs the case redacts, replaced before the name-level transformers. */
  private final Map<String, String> earlyLiterals = new LinkedHashMap<>();

  private final List<String[]> keyReplacements = new ArrayList<>();
  private final Map<String, String> uuids = new LinkedHashMap<>();
  private final Map<String, String> logResults = new LinkedHashMap<>();

  Normaliser(JsonNode testCase, Names names, List<String> otherStateMachines) {
    for (JsonNode t : testCase.path("transformers")) {
      String kind = t.path("t").asText();
      if (kind.equals("RegexTransformer") || kind.equals("transform.regex")) {
        String from = t.path("args").path(0).asText();
        String to = t.path("args").path(1).asText();
        if (from.equals("${ROLE_ARN}")) {
          literals.put(names.roleArn(), to);
        } else if (from.startsWith("${ACTIVITY_ARN_")) {
          String name = activityName(testCase, from);
          if (name != null) {
            earlyLiterals.put(
                "arn:aws:states:" + names.region() + ":" + names.account() + ":activity:" + name,
                to);
          }
        } else if (!from.contains("${")) {
          regexes.add(new String[] {from, to});
        }
      } else if (kind.equals("JsonpathTransformer")) {
        String path = t.path("kwargs").path("jsonpath").asText(t.path("args").path(0).asText());
        String to = t.path("kwargs").path("replacement").asText(t.path("args").path(1).asText());
        if (t.path("kwargs").path("replace_reference").asBoolean()) {
          to = "<" + to + ":1>";
        }
        keyReplacements.add(new String[] {path, to});
      }
    }
    literals.put(
        "arn:aws:states:"
            + names.region()
            + ":"
            + names.account()
            + ":mapRun:"
            + names.stateMachine()
            + "/",
        "arn:aws:states:<region>:111111111111:mapRun:" + names.stateMachine() + "/");
    literals.put(names.executionName(), "<ExecArnPart_0idx>");
    literals.put(names.stateMachine(), "<ArnPart_0idx>");
    otherStateMachines.forEach(n -> literals.put(n, "<ArnPart_0idx>"));
    literals.put(names.region(), "<region>");
    literals.put("arn:aws:", "arn:<partition>:");
  }

  private static String activityName(JsonNode testCase, String token) {
    for (JsonNode a : testCase.path("activities")) {
      if (a.path("token").asText().equals(token)) {
        return a.path("name").asText();
      }
    }
    return null;
  }

  /** Names the simulator was given for this case. */
  record Names(
      String stateMachine, String executionName, String roleArn, String region, String account) {}

  /** Normalises a list of rendered events. */
  ArrayNode events(ArrayNode events) {
    collectUuids(events, null);
    ArrayNode out = NODES.arrayNode();
    for (JsonNode e : events) {
      out.add(value(e, null, true));
    }
    applyKeyReplacements(out);
    return (ArrayNode) retyped(out);
  }

  /** Re-reads a tree so numbers get the node types a parser gives them (ids as ints). */
  private static JsonNode retyped(JsonNode n) {
    try {
      return JSON.readTree(JSON.writeValueAsString(n));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Normalises an output the way a whole API response is: the case's regex transformers run over
   * its JSON text first (they were written against the response text).
   */
  JsonNode responseOutput(JsonNode output) {
    try {
      String text = JSON.writeValueAsString(output);
      for (String[] r : regexes) {
        text = text.replaceAll(r[0], Matcher.quoteReplacement(r[1]));
      }
      return output(JSON.readTree(text));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Normalises an output value (already parsed). */
  JsonNode output(JsonNode output) {
    collectUuids(output, null);
    JsonNode v = value(output, null, true);
    applyKeyReplacements(v);
    return retyped(v);
  }

  private void collectUuids(JsonNode n, String key) {
    if (n.isObject()) {
      n.fields().forEachRemaining(e -> collectUuids(e.getValue(), e.getKey()));
    } else if (n.isArray()) {
      n.forEach(v -> collectUuids(v, key));
    } else if (n.isTextual() && key != null && key.toLowerCase().endsWith("id")) {
      Matcher m = UUID.matcher(n.asText());
      if (m.matches()) {
        uuids.computeIfAbsent(n.asText(), u -> "<uuid:" + (uuids.size() + 1) + ">");
      }
    } else if (n.isTextual() && n.asText().startsWith("{")) {
      try {
        collectUuids(JSON.readTree(n.asText()), key);
      } catch (Exception ignored) {
        // not JSON
      }
    }
  }

  private JsonNode value(JsonNode n, String key, boolean parseJsonStrings) {
    if (key != null && key.toLowerCase().contains("timestamp")) {
      // the ISO rule comes first: a timestamp value reads "date", anything else "timestamp"
      return TextNode.valueOf(
          n.isTextual() && ISO.matcher(n.asText()).matches() ? "date" : "timestamp");
    }
    if ("Date".equals(key)) {
      return TextNode.valueOf("date");
    }
    if (("LogResult".equals(key) || "X-Amz-Log-Result".equals(key)) && n.isTextual()) {
      return TextNode.valueOf(
          logResults.computeIfAbsent(
              n.asText(), v -> "<LogResult:" + (logResults.size() + 1) + ">"));
    }
    if (key != null && RANDOM_KEYS.contains(key)) {
      // recorded either as <uuid:N> or as the key name: a random value either way
      return TextNode.valueOf(key);
    }
    if ("X-Amzn-Trace-Id".equals(key)) {
      return TextNode.valueOf("X-Amzn-Trace-Id");
    }
    if (n.isObject()) {
      ObjectNode out = NODES.objectNode();
      Iterator<Map.Entry<String, JsonNode>> it = n.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        out.set(e.getKey(), value(e.getValue(), e.getKey(), parseJsonStrings));
      }
      return out;
    }
    if (n.isArray()) {
      ArrayNode out = NODES.arrayNode();
      n.forEach(v -> out.add(value(v, key, parseJsonStrings)));
      return out;
    }
    if (n.isTextual()) {
      String s = string(n.asText());
      if (parseJsonStrings && (s.startsWith("{") || s.startsWith("["))) {
        try {
          return value(JSON.readTree(n.asText()), key, true);
        } catch (Exception ignored) {
          // stays a string
        }
      }
      return TextNode.valueOf(s);
    }
    return n;
  }

  String string(String s) {
    for (Map.Entry<String, String> u : uuids.entrySet()) {
      s = s.replace(u.getKey(), u.getValue());
    }
    for (Map.Entry<String, String> l : earlyLiterals.entrySet()) {
      s = s.replace(l.getKey(), l.getValue());
    }
    for (String[] r : regexes) {
      s = s.replaceAll(r[0], Matcher.quoteReplacement(r[1]));
    }
    for (Map.Entry<String, String> l : literals.entrySet()) {
      s = s.replace(l.getKey(), l.getValue());
    }
    s =
        s.replaceAll(
            "mapRun:<ArnPart_0idx>/([^:\"]+):[0-9a-f-]{36}",
            "mapRun:<ArnPart_0idx>/$1:<MapRunArnPart1_0idx>");
    s =
        s.replaceAll(
            "mapRun:<ArnPart_0idx>/[0-9a-f-]{36}:", "mapRun:<ArnPart_0idx>/<MapRunArnPart0_0idx>:");
    s = ISO.matcher(s).replaceAll("date");
    if (s.equals("<timestamp>")) {
      s = "date";
    }
    // AWS's message quotes the whole input; the recordings show it as <json-input:1>.
    s =
        s.replaceAll(
            "could not be found in the input '.*'$",
            "could not be found in the input '<json-input:1>'");
    return s;
  }

  private void applyKeyReplacements(JsonNode root) {
    for (String[] r : keyReplacements) {
      String path = r[0];
      if (!path.startsWith("$..")) {
        continue;
      }
      String tail = path.substring(path.lastIndexOf("..") + 2);
      String[] keys = tail.split("\\.");
      replace(root, keys, r[1]);
    }
  }

  private static void replace(JsonNode n, String[] keys, String replacement) {
    if (n.isObject()) {
      ObjectNode o = (ObjectNode) n;
      JsonNode cur = o;
      for (int i = 0; i < keys.length - 1 && cur != null; i++) {
        cur = cur.get(keys[i]);
      }
      if (cur != null && cur.isObject() && cur.has(keys[keys.length - 1])) {
        ((ObjectNode) cur).put(keys[keys.length - 1], replacement);
      }
      o.fields().forEachRemaining(e -> replace(e.getValue(), keys, replacement));
    } else if (n.isArray()) {
      n.forEach(v -> replace(v, keys, replacement));
    }
  }

  /** The expected side: JSON strings parsed the same way, so both sides have one form. */
  static JsonNode expected(JsonNode n, boolean parse) {
    if (n.isObject()) {
      ObjectNode out = NODES.objectNode();
      n.fields()
          .forEachRemaining(
              e ->
                  out.set(
                      e.getKey(),
                      RANDOM_KEYS.contains(e.getKey())
                          ? TextNode.valueOf(e.getKey())
                          : expected(e.getValue(), parse)));
      return out;
    }
    if (n.isArray()) {
      ArrayNode out = NODES.arrayNode();
      n.forEach(v -> out.add(expected(v, parse)));
      return out;
    }
    if (n.isTextual() && parse) {
      String s = n.asText();
      if (s.startsWith("{") || s.startsWith("[")) {
        try {
          return expected(JSON.readTree(s), true);
        } catch (Exception ignored) {
          // stays a string
        }
      }
      if (s.equals("<timestamp>")) {
        return TextNode.valueOf("date");
      }
    }
    return n;
  }
}
