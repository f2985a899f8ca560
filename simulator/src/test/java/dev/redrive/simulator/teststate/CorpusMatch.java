package dev.redrive.simulator.teststate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compares a simulator response with one recorded in the conformance corpus, after applying the
 * corpus' normalisation to the simulator's side (see the corpus README): JSON-object strings
 * parsed, {@code arn:aws:} as {@code arn:<partition>:}, the region as {@code <region>}, ISO-8601
 * timestamps as {@code date}. A redacted value in the recording ({@code <resource:3>}, {@code
 * <uuid:1>}, {@code <table_name>}...) matches any text, the same text wherever the same placeholder
 * appears in one case. Two strings that are both JSON (arrays and scalars stay strings in the
 * recording) match when their values do, whatever their spacing.
 */
public final class CorpusMatch {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern PLACEHOLDER = Pattern.compile("<[A-Za-z_][A-Za-z0-9_:]*>");
  private static final Pattern ISO =
      Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})?");

  private final String region;
  private final Map<String, String> bound = new HashMap<>();

  public CorpusMatch(String region) {
    this.region = region;
  }

  /** The corpus' normalisation of a value the simulator answered. */
  public JsonNode normalise(JsonNode v) {
    if (v.isObject()) {
      ObjectNode out = JsonNodeFactory.instance.objectNode();
      v.fields().forEachRemaining(e -> out.set(e.getKey(), normalise(e.getValue())));
      return out;
    }
    if (v.isArray()) {
      ArrayNode out = JsonNodeFactory.instance.arrayNode();
      v.forEach(x -> out.add(normalise(x)));
      return out;
    }
    if (v.isTextual()) {
      String s = v.asText();
      if (s.startsWith("{")) {
        try {
          JsonNode parsed = JSON.readTree(s);
          if (parsed != null && parsed.isObject()) {
            return normalise(parsed);
          }
        } catch (java.io.IOException e) {
          // not JSON: stays a string
        }
      }
      if (ISO.matcher(s).matches()) {
        return TextNode.valueOf("date");
      }
      return TextNode.valueOf(
          s.replace("arn:aws:", "arn:<partition>:").replace(region, "<region>"));
    }
    return v;
  }

  /** The paths (like {@code inspectionData.afterInputPath}) where the two differ; empty if none. */
  public List<String> differences(JsonNode expected, JsonNode actual, String path) {
    List<String> out = new ArrayList<>();
    compare(expected, actual, path, out);
    return out;
  }

  private void compare(JsonNode e, JsonNode a, String path, List<String> out) {
    if (e == null || a == null) {
      if (e != a) {
        out.add(path + (e == null ? " (not expected)" : " (missing)"));
      }
      return;
    }
    if (e.isObject() && a.isObject()) {
      Iterator<String> names = e.fieldNames();
      while (names.hasNext()) {
        String n = names.next();
        compare(e.get(n), a.get(n), path.isEmpty() ? n : path + "." + n, out);
      }
      a.fieldNames()
          .forEachRemaining(
              n -> {
                if (!e.has(n)) {
                  out.add((path.isEmpty() ? n : path + "." + n) + " (not expected)");
                }
              });
      return;
    }
    if (e.isArray() && a.isArray() && e.size() == a.size()) {
      for (int i = 0; i < e.size(); i++) {
        compare(e.get(i), a.get(i), path + "[" + i + "]", out);
      }
      return;
    }
    if (e.isTextual() && a.isTextual() && sameText(e.asText(), a.asText(), path, out)) {
      return;
    }
    if (e.isNumber() && a.isNumber() && e.decimalValue().compareTo(a.decimalValue()) == 0) {
      return;
    }
    if (!e.equals(a)) {
      out.add(path);
    }
  }

  private boolean sameText(String e, String a, String path, List<String> out) {
    if (e.equals(a) || placeholdersMatch(e, a)) {
      return true;
    }
    JsonNode pe = parseOrNull(e);
    JsonNode pa = parseOrNull(a);
    if (pe != null && pa != null && !pe.isTextual()) {
      List<String> inner = new ArrayList<>();
      compare(pe, normalise(pa), path, inner);
      out.addAll(inner);
      return true;
    }
    return false;
  }

  private boolean placeholdersMatch(String expected, String actual) {
    Matcher m = PLACEHOLDER.matcher(expected);
    StringBuilder regex = new StringBuilder();
    List<String> names = new ArrayList<>();
    int at = 0;
    while (m.find()) {
      String token = m.group();
      if (token.equals("<partition>") || token.equals("<region>")) {
        continue;
      }
      regex.append(Pattern.quote(expected.substring(at, m.start()))).append("(.+?)");
      names.add(token);
      at = m.end();
    }
    if (names.isEmpty()) {
      return false;
    }
    regex.append(Pattern.quote(expected.substring(at)));
    Matcher am = Pattern.compile(regex.toString()).matcher(actual);
    if (!am.matches()) {
      return false;
    }
    Map<String, String> tentative = new HashMap<>(bound);
    for (int i = 0; i < names.size(); i++) {
      String prior = tentative.putIfAbsent(names.get(i), am.group(i + 1));
      if (prior != null && !prior.equals(am.group(i + 1))) {
        return false;
      }
    }
    bound.putAll(tentative);
    return true;
  }

  private static JsonNode parseOrNull(String s) {
    try {
      return JSON.readTree(s);
    } catch (java.io.IOException e) {
      return null;
    }
  }
}
