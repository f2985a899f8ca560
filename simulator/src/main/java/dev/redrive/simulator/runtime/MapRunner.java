package dev.redrive.simulator.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.redrive.simulator.definition.MapState;
import dev.redrive.simulator.definition.ParallelState;
import dev.redrive.simulator.definition.Retrier;
import dev.redrive.simulator.definition.StateCommon;
import dev.redrive.simulator.definition.StateMachineDefinition;
import dev.redrive.simulator.error.StatesError;
import dev.redrive.simulator.history.HistoryJson;
import dev.redrive.simulator.path.DataResolver;
import dev.redrive.simulator.path.ReferencePath;
import java.time.Duration;
import java.util.Optional;

/**
 * The Map state and the Parallel state: inline iterations and branches run one after the other,
 * each in its own frame and variable scope; a Distributed Map's map run is {@link
 * DistributedMap}'s.
 */
final class MapRunner {
  private final Interpreter in;

  private final DistributedMap distributed;

  MapRunner(Interpreter in) {
    this.in = in;
    this.distributed = new DistributedMap(in, this);
  }

  /** Stops the running child execution of a Distributed Map, if any: the parent was stopped. */
  void abortRunningChild() {
    distributed.abortRunningChild();
  }

  // ---- Map ----

  Interpreter.Step run(Interpreter.StateRun run, MapState s) {
    StateCommon c = run.common;
    JsonNode effective;
    ArrayNode items;
    ObjectNode states = null;
    if (c.jsonata()) {
      effective = run.rawInput;
      states = run.states(null, null);
      JsonNode v =
          s.items().isPresent()
              ? in.jsonata.evaluateAs(
                  s.items().get(),
                  states,
                  run.frame.variables.visible(),
                  "Items",
                  dev.redrive.simulator.jsonata.JsonataType.ARRAY,
                  c.name(),
                  run.enteredId)
              : effective;
      if (!v.isArray()) {
        throw in.jsonata.mapInputNotArray(v, c.name(), run.enteredId);
      }
      items = (ArrayNode) v;
    } else {
      effective = c.inputPath().select(run.data(run.rawInput));
      DataResolver data = run.data(effective);
      JsonNode v;
      if (s.itemsPath().isPresent()) {
        ReferencePath p = s.itemsPath().get();
        v =
            data.select(p)
                .orElseThrow(
                    () ->
                        StatesError.runtime(
                            "Invalid path '" + p.text() + "' : " + p.missMessage(data.rootOf(p))));
      } else {
        v = effective;
      }
      if (!v.isArray()) {
        throw StatesError.runtime(
            "Map state input must be an array but was: " + HistoryJson.text(v));
      }
      items = (ArrayNode) v;
    }
    DataResolver data = run.data(effective);
    int maxConcurrency =
        integer(run, data, states, s.maxConcurrency(), s.maxConcurrencyPath(), "MaxConcurrency");
    if (maxConcurrency < 0) {
      throw StatesError.runtime("MaxConcurrency cannot be negative.");
    }

    ObjectNode started = Interpreter.NODES.objectNode();
    started.put("length", items.size());
    in.emit(run.frame, "MapStateStarted", "mapStateStartedEventDetails", started);
    Optional<Integer> toleratedCount =
        optionalInteger(
            run,
            data,
            states,
            s.toleratedFailureCount(),
            s.toleratedFailureCountPath(),
            "ToleratedFailureCount");
    if (toleratedCount.isPresent() && toleratedCount.get() < 0) {
      throw StatesError.runtime("ToleratedFailureCount cannot be negative.");
    }
    Optional<Double> toleratedPercentage =
        optionalNumber(
            run,
            data,
            states,
            s.toleratedFailurePercentage(),
            s.toleratedFailurePercentagePath(),
            "ToleratedFailurePercentage");
    if (toleratedPercentage.isPresent()
        && (toleratedPercentage.get() < 0 || toleratedPercentage.get() > 100)) {
      throw StatesError.runtime("ToleratedFailurePercentage must be between 0 and 100.");
    }

    int[] attempts = new int[c.retry().size()];
    Outcome outcome =
        s.distributed()
            ? distributed.run(
                run,
                s,
                items,
                data,
                states,
                maxConcurrency,
                toleratedCount,
                toleratedPercentage,
                true)
            : inline(run, s, items, data, states);
    while (outcome.failed() && retry(run, attempts, outcome.errorName())) {
      in.emit(run.frame, "MapStateStarted", "mapStateStartedEventDetails", started);
      outcome =
          s.distributed()
              ? distributed.run(
                  run,
                  s,
                  items,
                  data,
                  states,
                  maxConcurrency,
                  toleratedCount,
                  toleratedPercentage,
                  false)
              : inline(run, s, items, data, states);
    }
    if (outcome.failed()) {
      Interpreter.Step step = failed(run, outcome, "MapStateFailed");
      if (!step.failed()) {
        distributed.forget(run.state); // caught: a later redrive does not come back here
      }
      return step;
    }
    if (!s.distributed()) {
      in.emitAfter(run.frame.last, "MapStateSucceeded", null, null);
    }
    return in.finishResult(run, outcome.output());
  }

  private Outcome inline(
      Interpreter.StateRun run, MapState s, ArrayNode items, DataResolver data, ObjectNode states) {
    ArrayNode results = Interpreter.NODES.arrayNode(items.size());
    String name = run.common.name();
    // At the top level, iterations that succeeded before a failure are kept for a redrive.
    JsonNode[] kept = null;
    if (in.isTop(run.frame)) {
      kept = in.completedParts.get(run.state);
      if (kept == null || kept.length != items.size()) {
        kept = new JsonNode[items.size()];
        in.completedParts.put(run.state, kept);
      }
    }
    for (int i = 0; i < items.size(); i++) {
      if (kept != null && kept[i] != null) {
        results.add(kept[i]);
        continue;
      }
      Frame frame = run.frame.child(i, items.get(i));
      ObjectNode it = Interpreter.NODES.objectNode();
      it.put("index", i);
      it.put("name", name);
      in.emit(frame, "MapIterationStarted", "mapIterationStartedEventDetails", it);
      JsonNode itemInput = itemInput(run, s, items.get(i), i, data, states);
      Outcome o = in.runBranch(s.processor(), itemInput, frame);
      ObjectNode done = Interpreter.NODES.objectNode();
      done.put("index", i);
      done.put("name", name);
      if (o.failed()) {
        in.emitAfter(frame.last, "MapIterationFailed", "mapIterationFailedEventDetails", done);
        run.frame.last = frame.last;
        return o;
      }
      long succeeded =
          in.emitAfter(
              frame.last, "MapIterationSucceeded", "mapIterationSucceededEventDetails", done);
      run.frame.last = i == items.size() - 1 ? succeeded : frame.last;
      results.add(o.output());
      if (kept != null) {
        kept[i] = o.output();
      }
    }
    return Outcome.success(results);
  }

  JsonNode itemInput(
      Interpreter.StateRun run,
      MapState s,
      JsonNode item,
      int index,
      DataResolver data,
      ObjectNode states) {
    if (s.itemSelector().isEmpty() && s.itemSelectorRaw().isEmpty()) {
      return item;
    }
    Frame itemFrame = run.frame.child(index, item);
    Interpreter.StateRun itemRun =
        in.new StateRun(run.state, itemFrame, run.rawInput, run.enteredId, run.enteredPrev);
    if (s.itemSelector().isPresent()) {
      return s.itemSelector().get().evaluate(itemRun.data(data.input()));
    }
    return itemRun.evalJsonata(
        s.itemSelectorRaw().get(), itemRun.states(null, null), "ItemSelector");
  }

  // ---- Parallel ----

  Interpreter.Step runParallel(Interpreter.StateRun run, ParallelState s) {
    StateCommon c = run.common;
    JsonNode input;
    if (c.jsonata()) {
      input =
          c.arguments().isPresent()
              ? run.evalJsonata(c.arguments().get(), run.states(null, null), "Arguments")
              : run.rawInput;
    } else {
      JsonNode effective = c.inputPath().select(run.data(run.rawInput));
      input =
          c.parameters().isPresent()
              ? c.parameters().get().evaluate(run.data(effective))
              : effective;
    }
    int[] attempts = new int[c.retry().size()];
    while (true) {
      in.emit(run.frame, "ParallelStateStarted", null, null);
      long startedId = run.frame.last;
      ArrayNode results = Interpreter.NODES.arrayNode(s.branches().size());
      Outcome failure = null;
      long last = startedId;
      JsonNode[] done = null;
      if (in.isTop(run.frame)) {
        done = in.completedParts.computeIfAbsent(run.state, k -> new JsonNode[s.branches().size()]);
      }
      for (int b = 0; b < s.branches().size(); b++) {
        StateMachineDefinition branch = s.branches().get(b);
        if (done != null && done[b] != null) {
          results.add(done[b]);
          continue;
        }
        Frame frame =
            new Frame(
                startedId, run.frame.variables.child(), run.frame.mapIndex, run.frame.mapValue);
        Outcome o = in.runBranch(branch, input, frame);
        if (o.failed() && "Task".equals(frame.failedStateType)) {
          // AWS stops the branch's failed task state and records it as aborted
          in.emitAfter(frame.last, "TaskStateAborted", null, null);
        }
        last = Math.max(last, frame.last);
        if (o.failed()) {
          failure = o;
          break;
        }
        results.add(o.output());
        if (done != null) {
          done[b] = o.output();
        }
      }
      run.frame.last = last;
      if (failure == null) {
        in.emitAfter(run.frame.last, "ParallelStateSucceeded", null, null);
        return in.finishResult(run, results);
      }
      Optional<Integer> r = Interpreter.retrierFor(c, failure.errorName());
      if (r.isPresent()) {
        Retrier retrier = c.retry().get(r.get());
        if (attempts[r.get()] < retrier.maxAttempts()) {
          long delay = in.backoffMillis(retrier, attempts[r.get()]);
          attempts[r.get()]++;
          run.retryCount++;
          in.sleep(Duration.ofMillis(delay));
          // A retry runs every branch again; only a redrive keeps the ones that succeeded.
          in.completedParts.remove(run.state);
          continue;
        }
      }
      return failed(run, failure, "ParallelStateFailed");
    }
  }

  // ---- shared ----

  /** Applies the state's Retry to a failure: true (after the back-off) when it runs again. */
  private boolean retry(Interpreter.StateRun run, int[] attempts, String error) {
    Optional<Integer> r = Interpreter.retrierFor(run.common, error);
    if (r.isEmpty()) {
      return false;
    }
    Retrier retrier = run.common.retry().get(r.get());
    if (attempts[r.get()] >= retrier.maxAttempts()) {
      return false;
    }
    long delay = in.backoffMillis(retrier, attempts[r.get()]);
    attempts[r.get()]++;
    run.retryCount++;
    in.sleep(Duration.ofMillis(delay));
    // A retry runs every iteration again; only a redrive keeps the ones that succeeded.
    in.completedParts.remove(run.state);
    return true;
  }

  private Interpreter.Step failed(Interpreter.StateRun run, Outcome o, String eventType) {
    in.emit(run.frame, eventType, null, null);
    return in.handleFailure(run, o.error(), o.cause());
  }

  private int integer(
      Interpreter.StateRun run,
      DataResolver data,
      ObjectNode states,
      Optional<JsonNode> literal,
      Optional<ReferencePath> path,
      String field) {
    return optionalInteger(run, data, states, literal, path, field).orElse(0);
  }

  private Optional<Integer> optionalInteger(
      Interpreter.StateRun run,
      DataResolver data,
      ObjectNode states,
      Optional<JsonNode> literal,
      Optional<ReferencePath> path,
      String field) {
    return numericValue(run, data, states, literal, path, field, true).map(JsonNode::asInt);
  }

  private Optional<Double> optionalNumber(
      Interpreter.StateRun run,
      DataResolver data,
      ObjectNode states,
      Optional<JsonNode> literal,
      Optional<ReferencePath> path,
      String field) {
    return numericValue(run, data, states, literal, path, field, false).map(JsonNode::asDouble);
  }

  /** The field's value as a number (a whole one when {@code integral}), or AWS's error. */
  private Optional<JsonNode> numericValue(
      Interpreter.StateRun run,
      DataResolver data,
      ObjectNode states,
      Optional<JsonNode> literal,
      Optional<ReferencePath> path,
      String field,
      boolean integral) {
    Optional<JsonNode> v = value(run, data, states, literal, path, field);
    if (v.isEmpty()) {
      return Optional.empty();
    }
    JsonNode n = numeric(v.get());
    if (integral ? !n.isIntegralNumber() : !n.isNumber()) {
      throw StatesError.runtime(
          "The "
              + field
              + "Path field refers to value \""
              + (n.isTextual() ? n.asText() : HistoryJson.text(n))
              + "\" which is not a valid "
              + (integral ? "integer" : "number")
              + ": "
              + path.map(ReferencePath::text).orElse(""));
    }
    return Optional.of(n);
  }

  private Optional<JsonNode> value(
      Interpreter.StateRun run,
      DataResolver data,
      ObjectNode states,
      Optional<JsonNode> literal,
      Optional<ReferencePath> path,
      String field) {
    if (literal.isPresent()) {
      JsonNode v = literal.get();
      if (states != null && in.jsonata.isExpression(v)) {
        v = run.evalJsonata(v, states, field);
      }
      return Optional.of(v);
    }
    if (path.isPresent()) {
      ReferencePath p = path.get();
      return Optional.of(
          data.select(p)
              .orElseThrow(
                  () ->
                      StatesError.runtime(
                          "Invalid path '" + p.text() + "' : " + p.missMessage(data.rootOf(p)))));
    }
    return Optional.empty();
  }

  /** A number given as a string ("1") counts as the number. */
  private static JsonNode numeric(JsonNode v) {
    if (v.isTextual()) {
      try {
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(v.asText()).isNumber()
            ? new com.fasterxml.jackson.databind.ObjectMapper().readTree(v.asText())
            : v;
      } catch (Exception e) {
        return v;
      }
    }
    return v;
  }
}
