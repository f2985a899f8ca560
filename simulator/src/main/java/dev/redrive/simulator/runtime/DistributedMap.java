package dev.redrive.simulator.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.redrive.simulator.definition.MapState;
import dev.redrive.simulator.definition.State;
import dev.redrive.simulator.execution.ExecutionStatus;
import dev.redrive.simulator.history.History;
import dev.redrive.simulator.path.DataResolver;
import java.time.Instant;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * The map runs of one execution's Distributed Map states: each item (or batch) runs as a child
 * workflow execution with its own interpreter and history, one after the other on the execution's
 * thread, and the {@link MapRun} records them for the service.
 */
final class DistributedMap {
  private final Interpreter in;
  private final MapRunner maps;

  /** Top-level map runs that failed or were aborted, by state, until a redrive resumes them. */
  private final Map<State, FailedRun> failedRuns = new IdentityHashMap<>();

  private SplittableRandom random;

  /** The child execution running now, if any (a stop of the parent stops it). */
  private volatile Interpreter runningChild;

  DistributedMap(Interpreter in, MapRunner maps) {
    this.in = in;
    this.maps = maps;
  }

  /** Forgets the failed map run of a state whose failure was caught. */
  void forget(State state) {
    failedRuns.remove(state);
  }

  /**
   * A Distributed Map state: a map run with one child workflow execution per item (or batch). At
   * the execution's top level, a map run that failed or was aborted is kept; when the execution is
   * redriven, the same map run runs again ({@code MapRunRedriven}) and only its children that did
   * not succeed run: Standard children are redriven in place (same ARN, {@code ExecutionRedriven}),
   * Express children start anew.
   *
   * @param resume true on the state's first attempt (not a retry), where a redrive resumes
   */
  Outcome run(
      Interpreter.StateRun run,
      MapState s,
      ArrayNode items,
      DataResolver data,
      ObjectNode states,
      int maxConcurrency,
      Optional<Integer> toleratedCount,
      Optional<Double> toleratedPercentage,
      boolean resume) {
    ArrayNode batches = batches(run, s, items, data, states);
    boolean top = in.isTop(run.frame);
    FailedRun previous = resume && top ? failedRuns.remove(run.state) : null;
    MapRun mapRun;
    if (previous != null
        && previous.parentRedrives < in.redriveCount()
        && previous.mapRun.size() == batches.size()) {
      mapRun = previous.mapRun;
      int count = mapRun.redriven(in.clock.now());
      ObjectNode d = Interpreter.NODES.objectNode();
      d.put("mapRunArn", mapRun.arn());
      d.put("redriveCount", count);
      in.emit(run.frame, "MapRunRedriven", "mapRunRedrivenEventDetails", d);
    } else {
      mapRun = newMapRun(s, batches, maxConcurrency, toleratedCount, toleratedPercentage);
      in.mapRuns.accept(mapRun);
      ObjectNode started = Interpreter.NODES.objectNode();
      started.put("mapRunArn", mapRun.arn());
      in.emit(run.frame, "MapRunStarted", "mapRunStartedEventDetails", started);
    }
    try {
      for (int i = 0; i < batches.size(); i++) {
        if (mapRun.succeeded(i)) {
          continue;
        }
        in.checkInterrupted();
        runChild(run, s, mapRun, i, batches.get(i), data, states);
      }
      in.checkInterrupted(); // a stop during the last child aborts the map run too
    } catch (Interpreter.Interrupted e) {
      mapRun.end(MapRun.Status.ABORTED, in.clock.now());
      if (top) {
        failedRuns.put(run.state, new FailedRun(mapRun, in.redriveCount()));
      }
      throw e;
    }
    int failures = mapRun.unsuccessful();
    boolean tolerated =
        failures == 0
            || failures <= mapRun.toleratedFailureCount()
            || (batches.size() > 0
                && failures * 100.0 / batches.size() <= mapRun.toleratedFailurePercentage());
    if (!tolerated) {
      mapRun.end(MapRun.Status.FAILED, in.clock.now());
      if (top) {
        failedRuns.put(run.state, new FailedRun(mapRun, in.redriveCount()));
      }
      ObjectNode f = Interpreter.NODES.objectNode();
      f.put("error", "States.ExceedToleratedFailureThreshold");
      f.put("cause", "The specified tolerated failure threshold was exceeded");
      long id = in.emitAfter(run.frame.last, "MapRunFailed", "mapRunFailedEventDetails", f);
      run.frame.last = id;
      return Outcome.failure(
          "States.ExceedToleratedFailureThreshold",
          "The specified tolerated failure threshold was exceeded");
    }
    mapRun.end(MapRun.Status.SUCCEEDED, in.clock.now());
    ArrayNode results = Interpreter.NODES.arrayNode(batches.size());
    for (int i = 0; i < batches.size(); i++) {
      MapRun.Child c = mapRun.childAt(i);
      JsonNode out = c == null ? null : mapRun.outputOf(c);
      results.add(out == null ? Interpreter.NODES.nullNode() : out);
    }
    // MapStateSucceeded and MapStateExited both follow MapRunSucceeded.
    long succeeded = in.emit(run.frame, "MapRunSucceeded", null, null);
    in.emitAfter(succeeded, "MapStateSucceeded", null, null);
    return Outcome.success(results);
  }

  /**
   * A map run that failed or was aborted at the top level, and the redrives the parent had then.
   */
  private record FailedRun(MapRun mapRun, int parentRedrives) {}

  private MapRun newMapRun(
      MapState s,
      ArrayNode batches,
      int maxConcurrency,
      Optional<Integer> toleratedCount,
      Optional<Double> toleratedPercentage) {
    String label = s.label().orElseGet(() -> uuid().toString());
    String prefix = "arn:aws:states:" + in.info.region() + ":" + in.info.account() + ":";
    String path = in.info.stateMachineName() + "/" + label;
    int[] sizes = new int[batches.size()];
    for (int i = 0; i < sizes.length; i++) {
      sizes[i] = s.itemBatcher().isPresent() ? batches.get(i).path("Items").size() : 1;
    }
    return new MapRun(
        prefix + "mapRun:" + path + ":" + uuid(),
        in.info.executionArn(),
        prefix + "stateMachine:" + path,
        s.expressChildren(),
        in.clock.now(),
        sizes,
        maxConcurrency,
        toleratedCount.orElse(0),
        toleratedPercentage.orElse(0.0));
  }

  /**
   * Runs (or redrives) the child execution of one item to its end, on this thread. Its events go to
   * its own history, not the parent's.
   */
  private void runChild(
      Interpreter.StateRun run,
      MapState s,
      MapRun mapRun,
      int index,
      JsonNode batch,
      DataResolver data,
      ObjectNode states) {
    MapRun.Child existing = mapRun.childAt(index);
    Outcome o;
    MapRun.Child child;
    Interpreter interpreter;
    if (existing != null && existing.interpreter != null) {
      child = existing;
      interpreter = child.interpreter;
      mapRun.childRedriven(child, in.clock.now());
      runningChild = interpreter;
      try {
        o = interpreter.redrive(s.processor());
      } finally {
        runningChild = null;
      }
    } else {
      JsonNode input =
          existing != null
              ? existing.input
              : s.itemBatcher().isPresent()
                  ? batch
                  : maps.itemInput(run, s, batch, index, data, states);
      child = newChild(mapRun, index, input);
      interpreter = child.interpreter;
      mapRun.started(child);
      runningChild = interpreter;
      try {
        o = interpreter.runExecution(s.processor());
      } finally {
        runningChild = null;
      }
    }
    mapRun.ended(child, status(interpreter.ending()), in.clock.now(), o);
  }

  /** Stops the running child execution, if any: the parent was stopped. */
  void abortRunningChild() {
    Interpreter child = runningChild;
    if (child != null) {
      child.abort(null, null);
    }
  }

  private MapRun.Child newChild(MapRun mapRun, int index, JsonNode input) {
    String name = uuid().toString();
    String runId = mapRun.arn().substring(mapRun.arn().lastIndexOf(':') + 1);
    String smArn = mapRun.stateMachineArn();
    String smName = smArn.substring(smArn.indexOf(":stateMachine:") + ":stateMachine:".length());
    String arn =
        smArn.substring(0, smArn.indexOf(":stateMachine:"))
            + (mapRun.express() ? ":express:" : ":execution:")
            + smName
            + ":"
            + runId
            + ":"
            + name;
    Instant start = in.clock.now();
    ExecutionInfo info =
        new ExecutionInfo(
            arn,
            name,
            smArn,
            smName,
            in.info.roleArn(),
            start,
            input,
            0,
            in.info.region(),
            in.info.account());
    Interpreter child =
        new Interpreter(new History(), in.clock, info, in.functions, in.jsonata, in.tokens)
            .withChildren(in.children)
            .withActivities(in.activities)
            .withMocks(in.mocks) // attempts are counted per child execution
            .withMapRuns(in.mapRuns);
    return new MapRun.Child(index, arn, name, input, start, smArn, mapRun.arn(), child);
  }

  private static ExecutionStatus status(Interpreter.Ending e) {
    return switch (e) {
      case SUCCEEDED -> ExecutionStatus.SUCCEEDED;
      case FAILED -> ExecutionStatus.FAILED;
      case TIMED_OUT -> ExecutionStatus.TIMED_OUT;
      case ABORTED -> ExecutionStatus.ABORTED;
    };
  }

  /** A random (version 4) UUID; cheaper than {@link UUID#randomUUID()} for many children. */
  private UUID uuid() {
    if (random == null) {
      random = new SplittableRandom();
    }
    long hi = (random.nextLong() & ~0xF000L) | 0x4000L;
    long lo = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(hi, lo);
  }

  private ArrayNode batches(
      Interpreter.StateRun run, MapState s, ArrayNode items, DataResolver data, ObjectNode states) {
    if (s.itemBatcher().isEmpty()) {
      return items;
    }
    JsonNode b = s.itemBatcher().get();
    int maxItems = b.path("MaxItemsPerBatch").asInt(Integer.MAX_VALUE);
    if (b.has("MaxItemsPerBatchPath")) {
      maxItems =
          data.resolve(b.get("MaxItemsPerBatchPath").asText())
              .map(JsonNode::asInt)
              .orElse(maxItems);
    }
    if (maxItems <= 0) {
      maxItems = Integer.MAX_VALUE;
    }
    JsonNode batchInput = b.get("BatchInput");
    ArrayNode out = Interpreter.NODES.arrayNode();
    ObjectNode current = null;
    for (int i = 0; i < items.size(); i++) {
      if (current == null || current.get("Items").size() >= maxItems) {
        current = Interpreter.NODES.objectNode();
        if (batchInput != null) {
          current.set("BatchInput", batchInput);
        }
        current.putArray("Items");
        out.add(current);
      }
      ((ArrayNode) current.get("Items")).add(maps.itemInput(run, s, items.get(i), i, data, states));
    }
    return out;
  }
}
