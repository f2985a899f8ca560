package dev.redrive.simulator.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.redrive.simulator.definition.DefinitionParser;
import dev.redrive.simulator.execution.ExecutionStatus;
import dev.redrive.simulator.store.Row;
import dev.redrive.simulator.store.StateStore;
import dev.redrive.simulator.store.Table;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Writes state machines and activities to the store as they change, and reads everything back when
 * the service starts on a data directory that holds a previous run's state.
 */
final class StoredState {
  private static final Logger LOG = Logger.getLogger(StoredState.class.getName());
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final StateStore store;

  StoredState(StateStore store) {
    this.store = store;
  }

  /** A state machine was created or updated: its current revision, and the revision itself. */
  void saved(StateMachine sm) {
    if (store == StateStore.NONE) {
      return;
    }
    String revision = sm.revisionId().orElse("");
    ObjectNode value = toJson(sm);
    store.put(
        Table.STATE_MACHINE_REVISION,
        new Row(sm.arn() + "#" + revision, sm.arn(), sm.sequence(), value));
    store.put(
        Table.STATE_MACHINE,
        new Row(sm.arn(), sm.arn(), sm.sequence(), NODES.objectNode().put("revision", revision)));
  }

  void deletedStateMachine(String arn) {
    store.delete(Table.STATE_MACHINE, arn);
  }

  void saved(Activity a) {
    if (store == StateStore.NONE) {
      return;
    }
    store.put(
        Table.ACTIVITY,
        new Row(
            a.arn(),
            a.arn(),
            a.sequence(),
            NODES
                .objectNode()
                .put("name", a.name())
                .put("creationDate", a.creationDate().toString())));
  }

  void deletedActivity(String arn) {
    store.delete(Table.ACTIVITY, arn);
  }

  /**
   * Reads everything back: state machines (registered with the simulator again), activities and
   * executions. A row that cannot be read is skipped with a warning naming it.
   *
   * @return how many executions were read
   */
  int load(
      StateMachines stateMachines,
      Activities activities,
      Executions executions,
      java.util.function.Consumer<StateMachine> registered) {
    Map<String, StateMachine> revisions = new HashMap<>();
    store.forEach(
        Table.STATE_MACHINE_REVISION,
        row -> {
          try {
            revisions.put(row.key(), fromJson(row));
          } catch (RuntimeException e) {
            LOG.warning("skipping stored state machine " + row.key() + ": " + e.getMessage());
          }
        });
    store.forEach(
        Table.STATE_MACHINE,
        row -> {
          StateMachine sm = revisions.get(row.key() + "#" + row.value().path("revision").asText());
          if (sm != null) {
            stateMachines.restore(sm);
            registered.accept(sm);
          }
        });
    store.forEach(
        Table.ACTIVITY,
        row ->
            activities.restore(
                new Activity(
                    row.key(),
                    row.value().path("name").asText(),
                    Instant.parse(row.value().path("creationDate").asText()),
                    row.sequence())));
    int[] count = {0};
    store.forEachRaw(
        Table.EXECUTION,
        row -> {
          try {
            String[] head = head(row.text());
            StateMachine sm = revisions.get(row.parent() + "#" + head[1]);
            if (sm == null) {
              LOG.warning(
                  "skipping stored execution "
                      + row.key()
                      + ": its state machine revision is not stored");
              return;
            }
            String arn = row.key();
            executions.restore(
                Execution.stored(
                    arn,
                    row.sequence(),
                    sm,
                    ExecutionStatus.parse(head[0]),
                    row.text(),
                    () -> StoredEvents.fromJson(store.history(arn))));
            count[0]++;
          } catch (RuntimeException e) {
            LOG.warning("skipping stored execution " + row.key() + ": " + e.getMessage());
          }
        });
    executions.restored();
    return count[0];
  }

  /**
   * The status and state machine revision of a stored execution, read from the start of its row
   * (where {@link Execution#toJson} puts them) without parsing the rest; the whole row is parsed
   * when it starts otherwise.
   */
  static String[] head(String row) {
    java.util.regex.Matcher m = HEAD.matcher(row);
    if (m.lookingAt()) {
      return new String[] {m.group(1), m.group(2)};
    }
    JsonNode o = Executions.parse(row);
    return new String[] {o.path("status").asText(), o.path("stateMachineRevision").asText()};
  }

  private static final java.util.regex.Pattern HEAD =
      java.util.regex.Pattern.compile(
          "\\{\"status\":\"([A-Z_]+)\",\"stateMachineRevision\":\"([^\"\\\\]*)\"");

  private static ObjectNode toJson(StateMachine sm) {
    ObjectNode o = NODES.objectNode();
    o.put("name", sm.name());
    o.put("type", sm.type());
    o.put("definition", sm.definition());
    o.put("roleArn", sm.roleArn());
    o.put("creationDate", sm.creationDate().toString());
    sm.updateDate().ifPresent(d -> o.put("updateDate", d.toString()));
    sm.revisionId().ifPresent(r -> o.put("revisionId", r));
    o.set("loggingConfiguration", sm.loggingConfiguration());
    o.set("tracingConfiguration", sm.tracingConfiguration());
    return o;
  }

  private static StateMachine fromJson(Row row) {
    JsonNode o = row.value();
    String definition = o.path("definition").asText();
    return new StateMachine(
        row.parent(),
        o.path("name").asText(),
        o.path("type").asText(),
        definition,
        DefinitionParser.parse(definition),
        o.path("roleArn").asText(),
        Instant.parse(o.path("creationDate").asText()),
        o.hasNonNull("updateDate")
            ? Optional.of(Instant.parse(o.get("updateDate").asText()))
            : Optional.empty(),
        o.hasNonNull("revisionId") ? Optional.of(o.get("revisionId").asText()) : Optional.empty(),
        o.path("loggingConfiguration"),
        o.path("tracingConfiguration"),
        row.sequence());
  }
}
