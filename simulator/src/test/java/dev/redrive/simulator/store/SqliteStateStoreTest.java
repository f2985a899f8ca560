package dev.redrive.simulator.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rows and histories survive a close, a crash mid-write, and a torn last write. */
class SqliteStateStoreTest {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  @TempDir Path dir;

  private static Row row(String key, String parent, long seq) {
    return new Row(key, parent, seq, NODES.objectNode().put("key", key));
  }

  private static List<String> keys(StateStore store, Table table) {
    List<String> keys = new ArrayList<>();
    store.forEach(table, r -> keys.add(r.key()));
    return keys;
  }

  private static JsonNode event(long id) {
    return NODES.objectNode().put("id", id).put("type", "E" + id);
  }

  @Test
  void readsBackWhatWasWrittenAfterAClose() {
    try (SqliteStateStore store = SqliteStateStore.open(dir)) {
      store.put(Table.EXECUTION, row("b", "sm", 2));
      store.put(Table.EXECUTION, row("a", "sm", 1));
      store.put(Table.MAP_RUN, row("run", "a", 3));
      store.appendHistory("a", List.of(event(1), event(2)));
      store.appendHistory("a", List.of(event(3)));
      store.put(Table.ACTIVITY, row("gone", "gone", 4));
      store.delete(Table.ACTIVITY, "gone");
    }
    try (SqliteStateStore store = SqliteStateStore.open(dir)) {
      assertThat(keys(store, Table.EXECUTION)).containsExactly("a", "b");
      assertThat(keys(store, Table.ACTIVITY)).isEmpty();
      assertThat(store.history("a"))
          .extracting(e -> e.get("id").asLong())
          .containsExactly(1L, 2L, 3L);

      store.dropExecutions(List.of("a"));

      assertThat(keys(store, Table.EXECUTION)).containsExactly("b");
      assertThat(keys(store, Table.MAP_RUN)).isEmpty();
      assertThat(store.history("a")).isEmpty();
    }
  }

  /**
   * The files as a {@code kill -9} leaves them: copied while the store is open, its log not yet
   * checkpointed into the database.
   */
  private Path crashCopy(SqliteStateStore store) throws IOException {
    store.flush();
    Path copy = Files.createDirectories(dir.resolve("crashed"));
    for (String suffix : List.of("", "-wal")) {
      Path file = dir.resolve(SqliteStateStore.FILE + suffix);
      if (Files.exists(file)) {
        Files.copy(file, copy.resolve(SqliteStateStore.FILE + suffix));
      }
    }
    return copy;
  }

  @Test
  void keepsEveryCommittedWriteWhenTheProcessDiesWithoutClosing() throws IOException {
    Path crashed;
    try (SqliteStateStore store = SqliteStateStore.open(dir)) {
      for (int i = 0; i < 100; i++) {
        store.put(Table.EXECUTION, row("e" + i, "sm", i));
      }
      crashed = crashCopy(store);
    }
    assertThat(Files.exists(crashed.resolve(SqliteStateStore.FILE + "-wal"))).isTrue();

    try (SqliteStateStore store = SqliteStateStore.open(crashed)) {
      assertThat(keys(store, Table.EXECUTION)).hasSize(100);
    }
  }

  @Test
  void toleratesATornLastWrite() throws IOException {
    Path crashed;
    try (SqliteStateStore store = SqliteStateStore.open(dir)) {
      store.put(Table.EXECUTION, row("first", "sm", 1));
      store.flush();
      store.put(Table.EXECUTION, row("second", "sm", 2));
      crashed = crashCopy(store);
    }
    Path wal = crashed.resolve(SqliteStateStore.FILE + "-wal");
    long size = Files.size(wal);
    // the last commit cut short, then garbage where its end should be
    try (var channel = Files.newByteChannel(wal, StandardOpenOption.WRITE)) {
      channel.truncate(size - 100);
    }
    Files.write(wal, new byte[] {1, 2, 3, 4, 5, 6, 7}, StandardOpenOption.APPEND);

    try (SqliteStateStore store = SqliteStateStore.open(crashed)) {
      assertThat(keys(store, Table.EXECUTION)).containsExactly("first");
      store.put(Table.EXECUTION, row("third", "sm", 3));
      assertThat(keys(store, Table.EXECUTION)).containsExactly("first", "third");
    }
  }

  @Test
  void aFileThatIsNotADatabaseIsRefusedWithItsName() throws IOException {
    Files.writeString(
        dir.resolve(SqliteStateStore.FILE), "not a database, just some text ".repeat(100));

    assertThatThrownBy(() -> SqliteStateStore.open(dir))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("cannot open " + dir.resolve(SqliteStateStore.FILE));
  }
}
