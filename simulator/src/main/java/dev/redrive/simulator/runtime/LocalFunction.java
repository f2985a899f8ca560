package dev.redrive.simulator.runtime;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An in-process stand-in for a Lambda function: receives the payload and returns the result, or
 * throws {@link FunctionError} as a function raising an exception would.
 */
@FunctionalInterface
public interface LocalFunction {
  /**
   * @param payload the invocation payload
   * @param clock the execution's clock, for functions that take time
   * @return the function's result
   * @throws FunctionError when the function fails
   */
  JsonNode invoke(JsonNode payload, SimClock clock) throws InterruptedException;
}
