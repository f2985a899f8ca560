package dev.redrive.simulator.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;

/**
 * Workflow variables of one scope. A Parallel branch or Map iteration runs in a child scope: it
 * reads the variables of the scopes around it, and what it assigns stays inside it.
 */
public final class Variables {
  private final Variables parent;
  private final Map<String, JsonNode> own = new HashMap<>();

  private Variables(Variables parent) {
    this.parent = parent;
  }

  /** The top-level scope of an execution. */
  public static Variables root() {
    return new Variables(null);
  }

  /** A scope nested in this one. */
  public Variables child() {
    return new Variables(this);
  }

  /** The variable's value, or null when undefined in this scope and the scopes around it. */
  public JsonNode get(String name) {
    for (Variables v = this; v != null; v = v.parent) {
      JsonNode value = v.own.get(name);
      if (value != null) {
        return value;
      }
    }
    return null;
  }

  /** Sets variables in this scope. */
  public void assign(Map<String, JsonNode> values) {
    own.putAll(values);
  }

  /** All visible variables, inner scopes shadowing outer ones. */
  public Map<String, JsonNode> visible() {
    Map<String, JsonNode> out = parent == null ? new HashMap<>() : parent.visible();
    out.putAll(own);
    return out;
  }
}
