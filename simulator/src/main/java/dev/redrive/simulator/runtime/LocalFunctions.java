package dev.redrive.simulator.runtime;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The in-process functions tasks call instead of AWS Lambda, registered by function name. A task
 * may name a function by name, by full ARN ({@code arn:aws:lambda:REGION:ACCOUNT:function:NAME},
 * optionally with a version or alias) or by partial ARN; all resolve to the name.
 */
public final class LocalFunctions {
  private final Map<String, LocalFunction> byName = new ConcurrentHashMap<>();

  /** Registers (or replaces) a function; returns this registry. */
  public LocalFunctions register(String nameOrArn, LocalFunction function) {
    byName.put(functionName(nameOrArn), function);
    return this;
  }

  /** The function a name or ARN refers to. */
  public Optional<LocalFunction> find(String nameOrArn) {
    return Optional.ofNullable(byName.get(functionName(nameOrArn)));
  }

  /** The bare function name of a name or ARN: {@code arn:aws:lambda:r:a:function:f:alias -> f}. */
  public static String functionName(String nameOrArn) {
    int i = nameOrArn.indexOf("function:");
    if (i < 0) {
      return nameOrArn;
    }
    String rest = nameOrArn.substring(i + "function:".length());
    int colon = rest.indexOf(':');
    return colon < 0 ? rest : rest.substring(0, colon);
  }
}
