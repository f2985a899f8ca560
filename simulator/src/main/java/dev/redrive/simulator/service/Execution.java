package dev.redrive.simulator.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.redrive.simulator.ExecutionResult;
import dev.redrive.simulator.LocalExecution;
import dev.redrive.simulator.execution.ExecutionStatus;
import dev.redrive.simulator.execution.RedriveStatus;
import dev.redrive.simulator.history.HistoryEvent;
import dev.redrive.simulator.history.HistoryJson;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One Standard (or StartSyncExecution Express) execution in the service: the runtime's {@link
 * LocalExecution} while it can run, with what the API reports beside it (name, input text, dates,
 * redrive count, redrive client tokens). {@link ExecutionSnapshot} is this execution at one moment.
 * Its status follows {@link ExecutionStatus}'s transition table and its redrive status {@link
 * RedriveStatus}'s: {@code RUNNING} ends once per run ({@link #ended}), a failed, timed-out or
 * aborted execution may run again ({@link #redriven}).
 *
 * <p>An execution read back from the store after a restart has no {@link LocalExecution}: its
 * history comes from the store.
 */
final class Execution {
  /** AWS answers the last 10 client tokens of successful redrives, for 15 minutes each. */
  private static final int REMEMBERED_TOKENS = 10;

  private static final Duration TOKEN_LIFETIME = Duration.ofMinutes(15);
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final String arn;
  private final StateMachine stateMachine;
  private final long sequence;
  private String name;
  private String input;
  private Instant startDate;
  private JsonNode inputNode;

  /**
   * The stored row of an execution read back from the store, not read yet: a restart reads only the
   * status and the state machine revision of each execution, the rest when it is first asked for.
   */
  private String unread;

  private LocalExecution local;
  private List<HistoryEvent> syncHistory = List.of();
  private Supplier<List<HistoryEvent>> storedHistory;
  private ExecutionStatus status = ExecutionStatus.RUNNING;
  private RedriveStatus redriveStatus = RedriveStatus.NOT_REDRIVABLE;
  private Instant stopDate;
  private JsonNode output;
  private String error;
  private String cause;
  private int redriveCount;
  private Instant redriveDate;
  private boolean historyFull;
  private int storedEvents;
  private final ArrayDeque<RedriveToken> redriveTokens = new ArrayDeque<>(2);

  /** A client token a redrive used, and that redrive's date. */
  private record RedriveToken(String token, Instant redriveDate) {}

  Execution(
      String arn,
      String name,
      StateMachine stateMachine,
      String input,
      JsonNode inputNode,
      Instant startDate,
      long sequence) {
    this.arn = arn;
    this.name = name;
    this.stateMachine = stateMachine;
    this.input = input;
    this.inputNode = inputNode;
    this.startDate = startDate;
    this.sequence = sequence;
  }

  String arn() {
    return arn;
  }

  synchronized String name() {
    read();
    return name;
  }

  StateMachine stateMachine() {
    return stateMachine;
  }

  synchronized String input() {
    read();
    return input;
  }

  synchronized JsonNode inputNode() {
    read();
    if (inputNode == null) {
      inputNode = Executions.parse(input);
    }
    return inputNode;
  }

  long sequence() {
    return sequence;
  }

  /** The runtime's execution, once started; empty for one read back from the store. */
  synchronized Optional<LocalExecution> local() {
    return Optional.ofNullable(local);
  }

  synchronized void started(LocalExecution value) {
    this.local = value;
  }

  synchronized ExecutionStatus status() {
    return status;
  }

  /** When it last stopped, empty while it runs. */
  synchronized Optional<Instant> stopDate() {
    read();
    return Optional.ofNullable(stopDate);
  }

  /** The current run: 0 for the first, then one more per redrive. */
  synchronized int run() {
    return redriveCount;
  }

  /**
   * Records how a run ended; a second report of the same end, or a late report of an earlier run,
   * changes nothing.
   *
   * @param run the run that ended, see {@link #run()}
   * @param historyLimit the simulator's quota of history events; a history one event short of it
   *     leaves no room for a redrive
   * @return true when the status changed
   */
  synchronized boolean ended(ExecutionResult result, Instant when, int run, int historyLimit) {
    read();
    if (status != ExecutionStatus.RUNNING || run != redriveCount) {
      return false;
    }
    status = status.moveTo(result.status());
    historyFull = result.history().size() >= historyLimit - 1;
    redriveStatus = redriveStatus.moveTo(RedriveStatus.on(status, false, historyFull));
    stopDate = when;
    output = result.output().orElse(null);
    error = result.error().orElse(null);
    cause = result.cause().orElse(null);
    if (local == null) {
      syncHistory = result.history();
    }
    return true;
  }

  /**
   * Ends a run that no {@link LocalExecution} will end: one read back from the store that was
   * running when the simulator stopped, then stopped with StopExecution.
   *
   * @return the {@code ExecutionAborted} event to append to its history
   */
  synchronized Optional<HistoryEvent> abortStored(String error, String cause, Instant when) {
    read();
    if (status != ExecutionStatus.RUNNING || local != null) {
      return Optional.empty();
    }
    status = status.moveTo(ExecutionStatus.ABORTED);
    redriveStatus = redriveStatus.moveTo(RedriveStatus.on(status, false, historyFull));
    stopDate = when;
    this.error = error;
    this.cause = cause;
    ObjectNode details = NODES.objectNode();
    if (error != null) {
      details.put("error", error);
    }
    if (cause != null) {
      details.put("cause", cause);
    }
    List<HistoryEvent> before = events();
    long last = before.isEmpty() ? 0 : before.get(before.size() - 1).id();
    return Optional.of(
        HistoryEvent.of(
            last + 1, last, when, "ExecutionAborted", "executionAbortedEventDetails", details));
  }

  /**
   * Records a redrive: the execution runs again.
   *
   * @throws dev.redrive.simulator.execution.IllegalTransitionException when it is running or
   *     succeeded
   */
  synchronized void redriven(Instant when, Optional<String> clientToken) {
    read();
    status = status.moveTo(ExecutionStatus.RUNNING);
    redriveStatus = redriveStatus.moveTo(RedriveStatus.NOT_REDRIVABLE);
    redriveCount++;
    redriveDate = when;
    clientToken.ifPresent(
        token -> {
          redriveTokens.addFirst(new RedriveToken(token, when));
          if (redriveTokens.size() > REMEMBERED_TOKENS) {
            redriveTokens.removeLast();
          }
        });
    stopDate = null;
    output = null;
    error = null;
    cause = null;
  }

  /**
   * The date of the redrive that used this client token, if it is one of the last 10 and was used
   * less than 15 minutes before {@code now}.
   */
  synchronized Optional<Instant> redriveFor(String clientToken, Instant now) {
    read();
    for (RedriveToken t : redriveTokens) {
      if (t.token().equals(clientToken)) {
        return now.isBefore(t.redriveDate().plus(TOKEN_LIFETIME))
            ? Optional.of(t.redriveDate())
            : Optional.empty();
      }
    }
    return Optional.empty();
  }

  /** The history so far, also while it runs. */
  List<HistoryEvent> events() {
    LocalExecution l;
    Supplier<List<HistoryEvent>> stored;
    synchronized (this) {
      l = local;
      stored = storedHistory;
      if (l == null && stored == null) {
        return syncHistory;
      }
    }
    return l != null ? l.history() : stored.get();
  }

  /** The events not given to the store yet, counted as given from now on. */
  synchronized List<HistoryEvent> unstoredEvents() {
    if (local == null && storedHistory != null) {
      return List.of();
    }
    List<HistoryEvent> all = local != null ? local.history() : syncHistory;
    if (all.size() <= storedEvents) {
      return List.of();
    }
    List<HistoryEvent> fresh = List.copyOf(all.subList(storedEvents, all.size()));
    storedEvents = all.size();
    return fresh;
  }

  /**
   * What the API reports of it at {@code now} (the redrivable period ends 14 days after a stop).
   */
  synchronized ExecutionSnapshot snapshot(Instant now) {
    read();
    boolean periodOver =
        stopDate != null && !now.isBefore(stopDate.plus(ExecutionSnapshot.REDRIVABLE_PERIOD));
    return new ExecutionSnapshot(
        arn,
        name,
        stateMachine,
        status,
        input,
        startDate,
        Optional.ofNullable(stopDate),
        Optional.ofNullable(output),
        Optional.ofNullable(error),
        Optional.ofNullable(cause),
        redriveCount,
        Optional.ofNullable(redriveDate),
        sequence,
        periodOver && redriveStatus == RedriveStatus.REDRIVABLE
            ? RedriveStatus.NOT_REDRIVABLE
            : redriveStatus,
        historyFull);
  }

  // ---- stored form ----

  /** This execution as a store row's value (its history is stored apart). */
  synchronized ObjectNode toJson() {
    read();
    ObjectNode o = NODES.objectNode();
    // status and stateMachineRevision first: a restart reads only them (see StoredRowPrefix)
    o.put("status", status.name());
    o.put("stateMachineRevision", stateMachine.revisionId().orElse(""));
    o.put("name", name);
    o.put("input", input);
    putInstant(o, "startDate", startDate);
    o.put("redriveStatus", redriveStatus.name());
    if (stopDate != null) {
      putInstant(o, "stopDate", stopDate);
    }
    if (output != null) {
      o.put("output", HistoryJson.text(output));
    }
    o.put("error", error);
    o.put("cause", cause);
    o.put("redriveCount", redriveCount);
    if (redriveDate != null) {
      putInstant(o, "redriveDate", redriveDate);
    }
    o.put("historyFull", historyFull);
    ArrayNode tokens = o.putArray("redriveTokens");
    for (RedriveToken t : redriveTokens) {
      putInstant(tokens.addObject().put("token", t.token()), "date", t.redriveDate());
    }
    return o;
  }

  /**
   * An execution read back from a store row, the row itself read when first needed.
   *
   * @param status the status the row holds
   * @param row the row's JSON text, as {@link #toJson} wrote it
   * @param history reads its history from the store when asked
   */
  static Execution stored(
      String arn,
      long sequence,
      StateMachine stateMachine,
      ExecutionStatus status,
      String row,
      Supplier<List<HistoryEvent>> history) {
    Execution e = new Execution(arn, null, stateMachine, null, null, null, sequence);
    e.status = status;
    e.unread = row;
    e.storedHistory = history;
    e.storedEvents = Integer.MAX_VALUE;
    return e;
  }

  /**
   * Reads the stored row, if not done yet.
   *
   * @throws IllegalArgumentException when the row lacks a field or holds a bad value
   */
  private void read() {
    if (unread == null) {
      return;
    }
    JsonNode o = Executions.parse(unread);
    unread = null;
    name = required(o, "name").asText();
    input = required(o, "input").asText();
    startDate = instant(required(o, "startDate"));
    status = ExecutionStatus.parse(required(o, "status").asText());
    redriveStatus = RedriveStatus.parse(required(o, "redriveStatus").asText());
    stopDate = o.hasNonNull("stopDate") ? instant(o.get("stopDate")) : null;
    output = o.hasNonNull("output") ? Executions.parse(o.get("output").asText()) : null;
    error = o.hasNonNull("error") ? o.get("error").asText() : null;
    cause = o.hasNonNull("cause") ? o.get("cause").asText() : null;
    redriveCount = o.path("redriveCount").asInt();
    redriveDate = o.hasNonNull("redriveDate") ? instant(o.get("redriveDate")) : null;
    historyFull = o.path("historyFull").asBoolean();
    for (JsonNode t : o.path("redriveTokens")) {
      redriveTokens.addLast(new RedriveToken(t.path("token").asText(), instant(t.path("date"))));
    }
  }

  /** An instant as {@code [epochSecond, nano]}: exact, and cheaper to read than ISO-8601. */
  private static void putInstant(ObjectNode o, String field, Instant value) {
    o.putArray(field).add(value.getEpochSecond()).add(value.getNano());
  }

  private static Instant instant(JsonNode value) {
    if (!value.isArray() || value.size() != 2) {
      throw new IllegalArgumentException("expected [epochSecond, nano], found " + value);
    }
    return Instant.ofEpochSecond(value.get(0).asLong(), value.get(1).asLong());
  }

  private static JsonNode required(JsonNode o, String field) {
    JsonNode v = o.get(field);
    if (v == null || v.isNull()) {
      throw new IllegalArgumentException("stored execution has no " + field);
    }
    return v;
  }
}
