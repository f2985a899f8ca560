package dev.redrive.console.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.redrive.console.ConsoleRequest;
import dev.redrive.console.ConsoleResponse;
import dev.redrive.console.ControllerDecisions;
import dev.redrive.console.graph.GraphLayout;
import dev.redrive.console.graph.StateGraph;
import dev.redrive.console.trace.ExecutionTrace;
import dev.redrive.simulator.execution.ExecutionStatus;
import dev.redrive.simulator.history.HistoryEvent;
import dev.redrive.simulator.runtime.MapRun;
import dev.redrive.simulator.service.Activity;
import dev.redrive.simulator.service.ExecutionSnapshot;
import dev.redrive.simulator.service.Page;
import dev.redrive.simulator.service.ServiceException;
import dev.redrive.simulator.service.StateMachine;
import dev.redrive.simulator.service.StepFunctionsService;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The console's endpoints, below {@code /console/api}:
 *
 * <ul>
 *   <li>{@code GET overview}: region, account, state machines, activities, whether a controller is
 *       attached;
 *   <li>{@code GET executions?stateMachine=&status=&redrive=&name=&page=}: executions newest first,
 *       {@value #PAGE_SIZE} a page;
 *   <li>{@code GET execution?arn=}: one execution with its graph laid out, what happened to each
 *       state, redrives, map runs, waiting tasks and the controller's decisions;
 *   <li>{@code GET history?arn=&q=&state=&offset=&limit=}: its events, searchable;
 *   <li>{@code GET map-run?arn=&status=&page=}: a map run with its child executions;
 *   <li>{@code GET waiting}: the tasks of running executions waiting for a token or a worker;
 *   <li>{@code POST actions/start|stop|redrive|task-success|task-failure|task-heartbeat}: the
 *       StartExecution, StopExecution, RedriveExecution, SendTaskSuccess, SendTaskFailure and
 *       SendTaskHeartbeat of the service behind the API.
 * </ul>
 *
 * Thread-safe.
 */
public final class ConsoleApi {
  /** Executions per page of the list. */
  public static final int PAGE_SIZE = 25;

  /** Largest page of history events. */
  public static final int MAX_EVENTS = 500;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int LIST_BATCH = 1000;

  private final StepFunctionsService service;
  private final ControllerDecisions decisions;
  private final Map<String, ObjectNode> graphs = lru(32);
  private final Map<String, ExecutionTrace> traces = lru(16);

  /** The endpoints over {@code service}, showing {@code decisions}. */
  public ConsoleApi(StepFunctionsService service, ControllerDecisions decisions) {
    this.service = java.util.Objects.requireNonNull(service, "service");
    this.decisions = java.util.Objects.requireNonNull(decisions, "decisions");
  }

  private static <K, V> Map<K, V> lru(int size) {
    return java.util.Collections.synchronizedMap(
        new LinkedHashMap<>(16, 0.75f, true) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
            return size() > size;
          }
        });
  }

  /**
   * Answers a request whose path is below {@code /console/api/}.
   *
   * @param route the path after {@code /console/api/}, e.g. {@code executions}
   */
  public ConsoleResponse handle(String route, ConsoleRequest request) {
    try {
      JsonNode body =
          switch (request.method()) {
            case "GET" -> read(route, request);
            case "POST" -> act(route, request);
            default ->
                throw new ConsoleError.Refused(
                    405,
                    "MethodNotAllowed",
                    "expected GET or POST, found "
                        + request.method()
                        + " on /console/api/"
                        + route);
          };
      return json(200, body);
    } catch (RuntimeException e) {
      ConsoleError error = ConsoleError.of(e);
      ObjectNode body = Views.NODES.objectNode();
      body.put("__type", error.code());
      body.put("message", error.message());
      return json(error.status(), body);
    }
  }

  private static ConsoleResponse json(int status, JsonNode body) {
    try {
      return new ConsoleResponse(status, ConsoleResponse.JSON, JSON.writeValueAsBytes(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }

  private JsonNode read(String route, ConsoleRequest r) {
    return switch (route) {
      case "overview" -> overview();
      case "executions" -> executions(r);
      case "execution" -> execution(required(r, "arn"));
      case "history" -> history(r);
      case "state" -> state(r);
      case "map-run" -> mapRun(r);
      case "waiting" -> waiting();
      default -> throw ConsoleError.notFound("no console endpoint GET /console/api/" + route);
    };
  }

  private static String required(ConsoleRequest r, String name) {
    return r.param(name)
        .orElseThrow(
            () ->
                ConsoleError.badRequest(
                    "expected query parameter '" + name + "', found none in " + r.path()));
  }

  private static int number(ConsoleRequest r, String name, int fallback, int min, int max) {
    Optional<String> text = r.param(name);
    if (text.isEmpty()) {
      return fallback;
    }
    try {
      int v = Integer.parseInt(text.get());
      if (v < min || v > max) {
        throw ConsoleError.badRequest(
            "expected '" + name + "' from " + min + " to " + max + ", found " + v);
      }
      return v;
    } catch (NumberFormatException e) {
      throw ConsoleError.badRequest(
          "expected '" + name + "' to be a whole number, found '" + text.get() + "'");
    }
  }

  /** Every item of a paged listing, one batch at a time. */
  private static <T> List<T> all(Function<String, Page<T>> page) {
    List<T> items = new ArrayList<>();
    String token = null;
    for (int i = 0; i < 100_000; i++) {
      Page<T> p = page.apply(token);
      items.addAll(p.items());
      if (p.nextToken().isEmpty()) {
        break;
      }
      token = p.nextToken().get();
    }
    return items;
  }

  private List<StateMachine> stateMachines() {
    return all(t -> service.listStateMachines(LIST_BATCH, t));
  }

  private JsonNode overview() {
    ObjectNode o = Views.NODES.objectNode();
    o.put("region", service.region());
    o.put("account", service.account());
    o.put("controller", decisions.attached());
    ArrayNode machines = o.putArray("stateMachines");
    for (StateMachine sm : stateMachines()) {
      ObjectNode m = Views.stateMachine(sm);
      if (!sm.isExpress()) {
        ObjectNode counts = m.putObject("counts");
        for (ExecutionSnapshot e : executionsOf(sm, null, null)) {
          counts.put(e.status().name(), counts.path(e.status().name()).asInt() + 1);
        }
      }
      machines.add(m);
    }
    ArrayNode activities = o.putArray("activities");
    for (Activity a : all(t -> service.listActivities(LIST_BATCH, t))) {
      activities.addObject().put("arn", a.arn()).put("name", a.name());
    }
    return o;
  }

  private List<ExecutionSnapshot> executionsOf(StateMachine sm, String status, String redrive) {
    return all(t -> service.listExecutions(sm.arn(), null, status, redrive, LIST_BATCH, t));
  }

  private JsonNode executions(ConsoleRequest r) {
    String status = r.param("status").orElse(null);
    if (status != null) {
      try {
        ExecutionStatus.valueOf(status);
      } catch (IllegalArgumentException e) {
        throw ConsoleError.badRequest(
            "expected status RUNNING, SUCCEEDED, FAILED, TIMED_OUT, ABORTED or PENDING_REDRIVE,"
                + " found '"
                + status
                + "'");
      }
    }
    String redrive = r.param("redrive").orElse(null);
    String name = r.param("name").map(n -> n.toLowerCase(Locale.ROOT)).orElse(null);
    int page = number(r, "page", 1, 1, 1_000_000);
    List<StateMachine> machines = new ArrayList<>();
    Optional<String> only = r.param("stateMachine");
    if (only.isPresent()) {
      machines.add(service.describeStateMachine(only.get()));
    } else {
      machines.addAll(stateMachines());
    }
    List<ExecutionSnapshot> matching = new ArrayList<>();
    for (StateMachine sm : machines) {
      if (sm.isExpress()) {
        continue;
      }
      for (ExecutionSnapshot e : executionsOf(sm, status, redrive)) {
        if (name == null || e.name().toLowerCase(Locale.ROOT).contains(name)) {
          matching.add(e);
        }
      }
    }
    matching.sort(
        Comparator.comparing(ExecutionSnapshot::startDate)
            .thenComparingLong(ExecutionSnapshot::sequence)
            .reversed());
    ObjectNode o = Views.NODES.objectNode();
    o.put("total", matching.size());
    o.put("page", page);
    o.put("pageSize", PAGE_SIZE);
    o.put("pages", Math.max(1, (matching.size() + PAGE_SIZE - 1) / PAGE_SIZE));
    ArrayNode items = o.putArray("items");
    int from = (page - 1) * PAGE_SIZE;
    for (int i = from; i < Math.min(matching.size(), from + PAGE_SIZE); i++) {
      ObjectNode item = Views.execution(matching.get(i));
      item.remove(List.of("input", "output"));
      items.add(item);
    }
    return o;
  }

  private List<HistoryEvent> events(String arn) {
    return all(t -> service.getExecutionHistory(arn, LIST_BATCH, t, false));
  }

  /**
   * The trace of an execution's history, cached while the history does not grow: the newest event's
   * id (one reversed page of one event) tells whether the cached trace is still whole.
   */
  private ExecutionTrace trace(String arn, boolean running) {
    List<HistoryEvent> newest = service.getExecutionHistory(arn, 1, null, true).items();
    long last = newest.isEmpty() ? 0 : newest.get(0).id();
    String key = arn + "#" + last + "#" + running;
    ExecutionTrace cached = traces.get(key);
    if (cached != null) {
      return cached;
    }
    ExecutionTrace trace = ExecutionTrace.of(events(arn), running);
    traces.put(key, trace);
    return trace;
  }

  private ObjectNode graph(String definition) {
    ObjectNode cached = graphs.get(definition);
    if (cached != null) {
      return cached;
    }
    ObjectNode graph = Views.graph(GraphLayout.layout(StateGraph.of(definition)));
    graphs.put(definition, graph);
    return graph;
  }

  private JsonNode execution(String arn) {
    ObjectNode o = Views.NODES.objectNode();
    ExecutionTrace trace;
    Optional<MapRun.ChildExecution> child = Optional.empty();
    try {
      ExecutionSnapshot e = service.describeExecution(arn);
      o.set("execution", Views.execution(e));
      o.set("graph", graph(service.describeStateMachineForExecution(arn).definition()));
      trace = trace(arn, e.status() == ExecutionStatus.RUNNING);
    } catch (ServiceException notFound) {
      child = service.describeMapRunExecution(arn);
      if (child.isEmpty()) {
        throw notFound;
      }
      o.set("execution", Views.child(child.get()));
      trace = trace(arn, child.get().status() == ExecutionStatus.RUNNING);
    }
    o.setAll(Views.trace(trace));
    ArrayNode waiting = o.putArray("waiting");
    trace.waiting().forEach(w -> waiting.add(Views.waiting(w, arn)));
    ArrayNode runs = o.putArray("mapRuns");
    if (child.isEmpty()) {
      for (MapRun.Snapshot m : all(t -> service.listMapRuns(arn, LIST_BATCH, t))) {
        runs.add(Views.mapRun(m));
      }
    }
    ObjectNode controller = o.putObject("controller");
    controller.put("attached", decisions.attached());
    ArrayNode items = controller.putArray("decisions");
    if (decisions.attached()) {
      decisions.forExecution(arn, trace.failedState()).forEach(d -> items.add(Views.decision(d)));
    }
    return o;
  }

  /** One state's input, output, error and cause (of its last run), kept out of the execution's. */
  private JsonNode state(ConsoleRequest r) {
    String arn = required(r, "arn");
    String name = required(r, "name");
    ExecutionTrace.StateSummary s = trace(arn, running(arn)).states().get(name);
    if (s == null) {
      throw ConsoleError.notFound("state '" + name + "' did not run in execution " + arn);
    }
    return Views.stateDetail(s);
  }

  private boolean running(String arn) {
    try {
      return service.describeExecution(arn).status() == ExecutionStatus.RUNNING;
    } catch (ServiceException e) {
      return service
          .describeMapRunExecution(arn)
          .map(c -> c.status() == ExecutionStatus.RUNNING)
          .orElseThrow(() -> e);
    }
  }

  private JsonNode history(ConsoleRequest r) {
    String arn = required(r, "arn");
    ExecutionTrace trace = trace(arn, running(arn));
    String query = r.param("q").map(q -> q.toLowerCase(Locale.ROOT)).orElse(null);
    Optional<String> state = r.param("state");
    int offset = number(r, "offset", 0, 0, Integer.MAX_VALUE);
    int limit = number(r, "limit", 100, 1, MAX_EVENTS);
    List<HistoryEvent> events = trace.events();
    ArrayNode items = Views.NODES.arrayNode();
    int matched = 0;
    for (int i = 0; i < events.size(); i++) {
      HistoryEvent e = events.get(i);
      Optional<String> of = trace.stateOf(i);
      if (state.isPresent() && !state.equals(of)) {
        continue;
      }
      if (query != null && !matches(e, of, query)) {
        continue;
      }
      if (matched >= offset && items.size() < limit) {
        items.add(Views.event(e, of, trace.attemptOf(i)));
      }
      matched++;
    }
    ObjectNode o = Views.NODES.objectNode();
    o.put("total", events.size());
    o.put("matched", matched);
    o.put("offset", offset);
    o.set("items", items);
    return o;
  }

  private static boolean matches(HistoryEvent e, Optional<String> state, String query) {
    if (e.type().toLowerCase(Locale.ROOT).contains(query)
        || String.valueOf(e.id()).equals(query)
        || state.map(s -> s.toLowerCase(Locale.ROOT).contains(query)).orElse(false)) {
      return true;
    }
    JsonNode d = e.details();
    return d != null && d.toString().toLowerCase(Locale.ROOT).contains(query);
  }

  private JsonNode mapRun(ConsoleRequest r) {
    String arn = required(r, "arn");
    String status = r.param("status").orElse(null);
    int page = number(r, "page", 1, 1, 1_000_000);
    ObjectNode o = Views.NODES.objectNode();
    o.set("mapRun", Views.mapRun(service.describeMapRun(arn)));
    List<MapRun.ChildExecution> children =
        all(t -> service.listMapRunExecutions(null, arn, status, null, LIST_BATCH, t));
    o.put("total", children.size());
    o.put("page", page);
    o.put("pages", Math.max(1, (children.size() + PAGE_SIZE - 1) / PAGE_SIZE));
    ArrayNode items = o.putArray("items");
    int from = (page - 1) * PAGE_SIZE;
    for (int i = from; i < Math.min(children.size(), from + PAGE_SIZE); i++) {
      items.add(Views.child(children.get(i)));
    }
    return o;
  }

  private JsonNode waiting() {
    ObjectNode o = Views.NODES.objectNode();
    ArrayNode tasks = o.putArray("tasks");
    for (StateMachine sm : stateMachines()) {
      if (sm.isExpress()) {
        continue;
      }
      for (ExecutionSnapshot e : executionsOf(sm, "RUNNING", null)) {
        for (ExecutionTrace.WaitingTask w : trace(e.arn(), true).waiting()) {
          ObjectNode t = Views.waiting(w, e.arn());
          t.put("executionName", e.name());
          t.put("stateMachineName", sm.name());
          tasks.add(t);
        }
      }
    }
    ArrayNode activities = o.putArray("activities");
    for (Activity a : all(t -> service.listActivities(LIST_BATCH, t))) {
      activities
          .addObject()
          .put("arn", a.arn())
          .put("name", a.name())
          .put("creationDate", a.creationDate().toString());
    }
    return o;
  }

  // ---- actions ----

  private JsonNode act(String route, ConsoleRequest r) {
    // A page of another site cannot send this header without a CORS preflight, which this
    // server never grants: the actions answer only the console's own page.
    if (r.header("x-redrive-console").isEmpty()) {
      throw new ConsoleError.Refused(
          403,
          "Forbidden",
          "expected header X-Redrive-Console on a console action, found none: actions are sent by"
              + " the console's page only");
    }
    ObjectNode body = body(r);
    ObjectNode o = Views.NODES.objectNode();
    switch (route) {
      case "actions/start" -> {
        String arn = text(body, "stateMachineArn", true);
        Optional<String> testCase = Optional.ofNullable(text(body, "testCase", false));
        ExecutionSnapshot e =
            service.startExecution(
                testCase.map(c -> arn + "#" + c).orElse(arn),
                text(body, "name", false),
                text(body, "input", false));
        o.put("executionArn", e.arn());
        o.put("startDate", e.startDate().toString());
      }
      case "actions/stop" -> {
        ExecutionSnapshot e =
            service.stopExecution(
                text(body, "executionArn", true),
                text(body, "error", false),
                text(body, "cause", false));
        e.stopDate().ifPresent(d -> o.put("stopDate", d.toString()));
      }
      case "actions/redrive" ->
          o.put(
              "redriveDate",
              service
                  .redriveExecution(text(body, "executionArn", true), Optional.empty())
                  .toString());
      case "actions/task-success" ->
          service.sendTaskSuccess(text(body, "taskToken", true), text(body, "output", true));
      case "actions/task-failure" ->
          service.sendTaskFailure(
              text(body, "taskToken", true),
              text(body, "error", false),
              text(body, "cause", false));
      case "actions/task-heartbeat" -> service.sendTaskHeartbeat(text(body, "taskToken", true));
      default -> throw ConsoleError.notFound("no console action POST /console/api/" + route);
    }
    return o;
  }

  private static ObjectNode body(ConsoleRequest r) {
    JsonNode parsed;
    try {
      parsed = JSON.readTree(r.body());
    } catch (java.io.IOException e) {
      throw new ConsoleError.Refused(
          400, "SerializationException", "Request body is not JSON: " + e.getMessage());
    }
    if (parsed == null || !parsed.isObject()) {
      throw new ConsoleError.Refused(
          400, "SerializationException", "Request body must be a JSON object");
    }
    return (ObjectNode) parsed;
  }

  /** A text field of an action's body; null when absent and not required. */
  private static String text(ObjectNode body, String field, boolean required) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      if (required) {
        throw ConsoleError.badRequest(
            "1 validation error detected: Value null at '"
                + field
                + "' failed to satisfy constraint: Member must not be null");
      }
      return null;
    }
    if (!v.isTextual()) {
      throw new ConsoleError.Refused(
          400,
          "SerializationException",
          "expected '" + field + "' to be a string, found " + v.getNodeType());
    }
    return v.asText();
  }
}
