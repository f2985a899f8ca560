package dev.redrive.console.trace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.redrive.simulator.history.HistoryEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An execution's history read state by state, in one pass over the events.
 *
 * <p>Each event belongs to one run of a state (an "occurrence": from its {@code *StateEntered} to
 * its end), found through {@code previousEventId}, which AWS (and the simulator) point at the event
 * before it in the same flow. Events about a Map or Parallel state as a whole ({@code MapState*},
 * {@code MapIteration*}, {@code ParallelState*}, {@code MapRun*}) belong to the innermost Map or
 * Parallel run still open above the event before them. A state entered right after a container
 * started (or an iteration started) is inside it; any other state entered follows the state its
 * previous event belongs to: that transition is the path taken.
 *
 * <p>Not thread-safe while built; immutable after {@link #of}.
 */
public final class ExecutionTrace {
  /** The task tokens the simulator issues: 32 hex digits then a UUID. */
  private static final Pattern TOKEN =
      Pattern.compile("[0-9a-f]{32}[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}");

  private final List<HistoryEvent> events;
  private final int[] owner;
  private final List<Occurrence> occurrences;
  private final Map<String, StateSummary> states;
  private final Set<String> transitions;
  private final List<Redrive> redrives;
  private final Optional<String> failedState;
  private final List<WaitingTask> waiting;

  /** A redrive as the history records it. */
  public record Redrive(int redriveCount, long eventId, Instant date) {}

  /**
   * A task waiting for a token or for an activity worker.
   *
   * @param state the state's name
   * @param resource the task's resource, e.g. {@code sqs:sendMessage.waitForTaskToken} or an
   *     activity ARN
   * @param token the token, when the history shows it (in the task's parameters)
   * @param since when it started waiting
   * @param eventId the event that started the wait
   */
  public record WaitingTask(
      String state, String resource, Optional<String> token, Instant since, long eventId) {
    public WaitingTask {
      Objects.requireNonNull(state, "state");
      Objects.requireNonNull(resource, "resource");
      Objects.requireNonNull(token, "token");
    }
  }

  /**
   * What happened to one state over the whole history.
   *
   * @param name the state's name
   * @param status what its last run says (a running, waiting or failed run of the last attempt that
   *     ran it wins over the others: a Map iteration that failed colours its states red)
   * @param runs how many times it was entered
   * @param counts runs per status
   * @param attempts the attempts it ran in: 0 for the first run of the execution, n for the run
   *     after the nth redrive
   * @param retries retries of its last run (task attempts after the first)
   * @param input the input of its last run
   * @param output the output of its last run that ended well
   * @param error the error of its last failure
   * @param cause the cause of its last failure
   */
  public record StateSummary(
      String name,
      StateStatus status,
      int runs,
      Map<StateStatus, Integer> counts,
      Set<Integer> attempts,
      int retries,
      Optional<JsonNode> input,
      Optional<JsonNode> output,
      Optional<String> error,
      Optional<String> cause) {}

  private static final class Occurrence {
    final int index;
    final String name;
    final String type;
    final int parent;
    final int attempt;
    final int entered;
    int exited = -1;
    int failure = -1;
    int scheduled;
    int waitStart = -1;
    boolean activityStarted;
    boolean caught;
    boolean ended;
    int lastOutput = -1;

    Occurrence(int index, String name, String type, int parent, int attempt, int entered) {
      this.index = index;
      this.name = name;
      this.type = type;
      this.parent = parent;
      this.attempt = attempt;
      this.entered = entered;
    }

    boolean container() {
      return type.equals("Map") || type.equals("Parallel");
    }
  }

  private ExecutionTrace(
      List<HistoryEvent> events,
      int[] owner,
      List<Occurrence> occurrences,
      Map<String, StateSummary> states,
      Set<String> transitions,
      List<Redrive> redrives,
      Optional<String> failedState,
      List<WaitingTask> waiting) {
    this.events = events;
    this.owner = owner;
    this.occurrences = occurrences;
    this.states = states;
    this.transitions = transitions;
    this.redrives = redrives;
    this.failedState = failedState;
    this.waiting = waiting;
  }

  /**
   * Reads a history.
   *
   * @param events the events, oldest first
   * @param running whether the execution is running now (its unfinished states run or wait)
   */
  public static ExecutionTrace of(List<HistoryEvent> events, boolean running) {
    List<HistoryEvent> list = List.copyOf(events);
    int n = list.size();
    Map<Long, Integer> byId = new HashMap<>(n * 2);
    for (int i = 0; i < n; i++) {
      byId.put(list.get(i).id(), i);
    }
    int[] owner = new int[n];
    List<Occurrence> occ = new ArrayList<>();
    Set<String> transitions = new LinkedHashSet<>();
    List<Redrive> redrives = new ArrayList<>();
    Optional<String> failedState = Optional.empty();
    int attempt = 0;
    for (int i = 0; i < n; i++) {
      HistoryEvent e = list.get(i);
      String type = e.type();
      Integer prevIndex = byId.get(e.previousEventId());
      int prevOwner = prevIndex == null ? -1 : owner[prevIndex];
      owner[i] = -1;
      if (type.equals("ExecutionRedriven")) {
        attempt++;
        failedState = Optional.empty();
        ObjectNode d = e.details();
        int count = d == null ? attempt : d.path("redriveCount").asInt(attempt);
        redrives.add(new Redrive(count, e.id(), e.timestamp()));
        continue;
      }
      if (type.startsWith("Execution")) {
        if (type.equals("ExecutionFailed")
            || type.equals("ExecutionTimedOut")
            || type.equals("ExecutionAborted")) {
          failedState = prevOwner < 0 ? Optional.empty() : Optional.of(occ.get(prevOwner).name);
        } else if (type.equals("ExecutionSucceeded") && prevOwner >= 0) {
          transitions.add(transition(occ.get(prevOwner).name, "__end"));
        }
        continue;
      }
      if (type.endsWith("StateEntered")) {
        String stateType = type.substring(0, type.length() - "StateEntered".length());
        String prevType = prevIndex == null ? "" : list.get(prevIndex).type();
        int parent;
        if (prevOwner >= 0
            && occ.get(prevOwner).container()
            && !occ.get(prevOwner).ended
            && (prevType.equals("MapIterationStarted")
                || prevType.equals("ParallelStateStarted")
                || prevType.equals("MapStateStarted"))) {
          parent = prevOwner;
        } else if (prevOwner >= 0) {
          parent = occ.get(prevOwner).parent;
          Occurrence from = occ.get(prevOwner);
          if (from.failure >= 0 && from.exited < 0) {
            from.caught = true;
          }
          transitions.add(transition(from.name, e.stateName().orElse("")));
        } else {
          parent = -1;
          transitions.add(transition("__start", e.stateName().orElse("")));
        }
        Occurrence o =
            new Occurrence(occ.size(), e.stateName().orElse("?"), stateType, parent, attempt, i);
        occ.add(o);
        owner[i] = o.index;
        if (stateType.equals("Fail")) {
          o.failure = i;
        }
        continue;
      }
      int own = prevOwner;
      boolean containerEvent =
          type.startsWith("MapState")
              || type.startsWith("MapIteration")
              || type.startsWith("MapRun")
              || type.startsWith("ParallelState");
      if (containerEvent) {
        String wanted = type.startsWith("Parallel") ? "Parallel" : "Map";
        while (own >= 0 && (occ.get(own).ended || !occ.get(own).type.equals(wanted))) {
          own = occ.get(own).parent;
        }
      }
      owner[i] = own;
      if (own < 0) {
        continue;
      }
      Occurrence o = occ.get(own);
      if (type.endsWith("StateExited")) {
        o.exited = i;
        o.ended = true;
        o.lastOutput = i;
      } else if (containerEvent
          && (type.equals("MapStateFailed")
              || type.equals("MapStateAborted")
              || type.equals("ParallelStateFailed")
              || type.equals("ParallelStateAborted"))) {
        o.failure = i;
        o.ended = true;
      } else if (!containerEvent
          && (type.endsWith("Failed") || type.endsWith("TimedOut"))
          && !type.equals("MapRunFailed")) {
        o.failure = i;
      } else if (type.endsWith("Scheduled")) {
        o.scheduled++;
        o.failure = -1;
        ObjectNode d = e.details();
        String resource = d == null ? "" : d.path("resource").asText("");
        if (resource.endsWith(".waitForTaskToken") || type.equals("ActivityScheduled")) {
          o.waitStart = i;
          o.activityStarted = false;
        } else {
          o.waitStart = -1;
        }
      } else if (type.equals("ActivityStarted")) {
        o.activityStarted = true;
      }
    }
    for (Occurrence o : occ) {
      if (o.failure >= 0 && o.exited < 0) {
        o.ended = true;
      }
    }
    List<WaitingTask> waiting = new ArrayList<>();
    Map<String, StateSummary> states = summarize(list, occ, running, attempt, waiting);
    return new ExecutionTrace(
        list, owner, occ, states, transitions, redrives, failedState, List.copyOf(waiting));
  }

  private static String transition(String from, String to) {
    return from + "\u0000" + to;
  }

  /** The status of one run of a state. */
  private static StateStatus statusOf(Occurrence o, boolean running, int attempt) {
    if (o.exited >= 0) {
      // A failure that a Catch handled still exits the state (with the error as its output).
      return o.failure >= 0 ? StateStatus.CAUGHT : StateStatus.SUCCEEDED;
    }
    if (o.failure >= 0) {
      return o.caught ? StateStatus.CAUGHT : StateStatus.FAILED;
    }
    if (running && o.attempt == attempt) {
      return o.waitStart >= 0 && !o.activityStarted ? StateStatus.WAITING : StateStatus.RUNNING;
    }
    return StateStatus.ABORTED;
  }

  private static Map<String, StateSummary> summarize(
      List<HistoryEvent> events,
      List<Occurrence> occ,
      boolean running,
      int attempt,
      List<WaitingTask> waiting) {
    Map<String, List<Occurrence>> byName = new LinkedHashMap<>();
    for (Occurrence o : occ) {
      byName.computeIfAbsent(o.name, k -> new ArrayList<>()).add(o);
    }
    Map<String, StateSummary> states = new LinkedHashMap<>();
    for (Map.Entry<String, List<Occurrence>> entry : byName.entrySet()) {
      List<Occurrence> runs = entry.getValue();
      Occurrence last = runs.get(runs.size() - 1);
      Map<StateStatus, Integer> counts = new java.util.EnumMap<>(StateStatus.class);
      Set<Integer> attempts = new java.util.TreeSet<>();
      StateStatus status = statusOf(last, running, attempt);
      Occurrence lastFailure = null;
      Occurrence lastOutput = null;
      for (Occurrence o : runs) {
        StateStatus s = statusOf(o, running, attempt);
        counts.merge(s, 1, Integer::sum);
        attempts.add(o.attempt);
        if (o.attempt == last.attempt
            && (s.weight() > status.weight())
            && s != StateStatus.ABORTED
            && s != StateStatus.CAUGHT) {
          status = s;
        }
        if (o.failure >= 0) {
          lastFailure = o;
        }
        if (o.lastOutput >= 0) {
          lastOutput = o;
        }
        if (s == StateStatus.WAITING) {
          HistoryEvent start = events.get(o.waitStart);
          ObjectNode d = start.details();
          String resource = d == null ? "" : d.path("resource").asText("");
          String prefix = d == null ? "" : d.path("resourceType").asText("");
          Optional<String> token = Optional.empty();
          if (d != null) {
            Matcher m = TOKEN.matcher(d.toString());
            if (m.find()) {
              token = Optional.of(m.group());
            }
          }
          waiting.add(
              new WaitingTask(
                  o.name,
                  prefix.isEmpty() ? resource : prefix + ":" + resource,
                  token,
                  start.timestamp(),
                  start.id()));
        }
      }
      Optional<String> error = Optional.empty();
      Optional<String> cause = Optional.empty();
      if (lastFailure != null) {
        ObjectNode d = events.get(lastFailure.failure).details();
        if (d != null) {
          error = text(d, "error");
          cause = text(d, "cause");
        }
      }
      ObjectNode in = events.get(last.entered).details();
      Optional<JsonNode> input =
          in == null ? Optional.empty() : Optional.ofNullable(in.get("input"));
      Optional<JsonNode> output = Optional.empty();
      if (lastOutput != null) {
        ObjectNode out = events.get(lastOutput.lastOutput).details();
        output = out == null ? Optional.empty() : Optional.ofNullable(out.get("output"));
      }
      states.put(
          entry.getKey(),
          new StateSummary(
              entry.getKey(),
              status,
              runs.size(),
              Map.copyOf(counts),
              Set.copyOf(attempts),
              Math.max(0, last.scheduled - 1),
              input,
              output,
              error,
              cause));
    }
    return states;
  }

  private static Optional<String> text(ObjectNode d, String field) {
    JsonNode v = d.get(field);
    return v == null || v.isNull() ? Optional.empty() : Optional.of(v.asText());
  }

  /** The states that ran, by name, in the order they first ran. */
  public Map<String, StateSummary> states() {
    return states;
  }

  /** The transitions taken, as (from, to) pairs of state names; {@code __start}, {@code __end}. */
  public List<List<String>> transitions() {
    return transitions.stream().map(t -> List.of(t.split("\u0000", -1))).toList();
  }

  /** The redrives, oldest first. */
  public List<Redrive> redrives() {
    return redrives;
  }

  /** The state the execution failed, timed out or was aborted in, when it did. */
  public Optional<String> failedState() {
    return failedState;
  }

  /** The tasks waiting for a token or an activity worker now. */
  public List<WaitingTask> waiting() {
    return waiting;
  }

  /** The events, oldest first. */
  public List<HistoryEvent> events() {
    return events;
  }

  /** The name of the state an event belongs to, or empty for events of the execution. */
  public Optional<String> stateOf(int eventIndex) {
    int o = owner[eventIndex];
    return o < 0 ? Optional.empty() : Optional.of(occurrences.get(o).name);
  }

  /** The attempt (0, then one per redrive) an event belongs to. */
  public int attemptOf(int eventIndex) {
    int o = owner[eventIndex];
    return o < 0 ? -1 : occurrences.get(o).attempt;
  }
}
