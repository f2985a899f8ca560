/**
 * Events the simulator publishes: {@link dev.redrive.simulator.events.ExecutionStatusChange}
 * renders AWS's {@code Step Functions Execution Status Change} event; {@link
 * dev.redrive.simulator.events.EventBus} routes events to in-process subscribers by EventBridge
 * patterns and copies them to sinks (a JSON-lines file, an HTTP URL).
 */
package dev.redrive.simulator.events;
