package dev.redrive.simulator.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.function.Consumer;

/**
 * The simulator's durable state: rows of JSON by {@link Table}, and each execution's history as
 * events appended in order. Writes return at once and reach the store in the order they were made
 * ({@link #flush} waits for them); reads see every write made before them.
 *
 * <p>Implementations are thread-safe.
 */
public interface StateStore extends AutoCloseable {

  /** Writes (or replaces) a row. */
  void put(Table table, Row row);

  /** Removes a row; removing a missing row does nothing. */
  void delete(Table table, String key);

  /**
   * Appends events to an execution's history.
   *
   * @param events each event as JSON, with its {@code id} field; an event whose id is already
   *     stored replaces it
   */
  void appendHistory(String executionArn, List<JsonNode> events);

  /** Removes executions with their histories, progress, map runs and task tokens. */
  void dropExecutions(List<String> executionArns);

  /** Every row of a table, in sequence order. */
  void forEach(Table table, Consumer<Row> action);

  /** Every row of a table, in sequence order, its value as the stored JSON text. */
  void forEachRaw(Table table, Consumer<RawRow> action);

  /** An execution's history, oldest event first; empty when none is stored. */
  List<JsonNode> history(String executionArn);

  /** Waits until every write made before it is committed. */
  void flush();

  /** Commits what is pending and releases the store. */
  @Override
  void close();

  /** Keeps nothing: every write is dropped, every read is empty. */
  StateStore NONE =
      new StateStore() {
        @Override
        public void put(Table table, Row row) {}

        @Override
        public void delete(Table table, String key) {}

        @Override
        public void appendHistory(String executionArn, List<JsonNode> events) {}

        @Override
        public void dropExecutions(List<String> executionArns) {}

        @Override
        public void forEach(Table table, Consumer<Row> action) {}

        @Override
        public void forEachRaw(Table table, Consumer<RawRow> action) {}

        @Override
        public List<JsonNode> history(String executionArn) {
          return List.of();
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };
}
