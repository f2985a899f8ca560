package dev.redrive.simulator.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A {@link StateStore} in one SQLite database, {@code DIR/simulator.db}, in WAL mode.
 *
 * <p>Why SQLite: an embedded database that is maintained, tested against torn writes and power loss
 * (its write-ahead log frames carry checksums; a frame cut short by a crash is ignored when the
 * database is opened again), a single file a user can inspect with the {@code sqlite3} shell, and
 * fast enough for the simulator's writes when they are grouped.
 *
 * <p>What is synced when: one writer thread takes the writes in the order they were made and
 * commits them in transactions of up to {@value #BATCH} writes, as soon as it has any; a commit is
 * a {@code write} of the log to the operating system, so it survives the process being killed
 * ({@code kill -9}) from the moment it returns, typically within a millisecond of the change.
 * {@code synchronous=NORMAL}: the log is {@code fsync}ed at checkpoints, so after a power loss the
 * database opens at a consistent point that may lack the last commits.
 */
public final class SqliteStateStore implements StateStore {
  /** The database's file name inside the data directory. */
  public static final String FILE = "simulator.db";

  private static final Logger LOG = Logger.getLogger(SqliteStateStore.class.getName());
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int BATCH = 2_000;
  private static final int SCHEMA = 1;

  private final Path file;
  private final Connection writer;
  private final Connection reader;
  private final BlockingQueue<Op> queue = new LinkedBlockingQueue<>();
  private final Thread thread;
  private volatile boolean closed;

  private SqliteStateStore(Path file, Connection writer, Connection reader) {
    this.file = file;
    this.writer = writer;
    this.reader = reader;
    this.thread = new Thread(this::writeLoop, "state-store-writer");
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * Opens (or creates) the store in a directory, creating the directory when missing.
   *
   * @throws StoreException when the directory or the database cannot be opened, naming the file
   */
  public static SqliteStateStore open(Path dir) {
    Objects.requireNonNull(dir, "dir");
    Path file = dir.resolve(FILE);
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new StoreException("cannot create data directory " + dir + ": " + e.getMessage(), e);
    }
    try {
      Connection writer = DriverManager.getConnection("jdbc:sqlite:" + file);
      try (Statement s = writer.createStatement()) {
        s.execute("PRAGMA journal_mode=WAL");
        s.execute("PRAGMA synchronous=NORMAL");
        s.execute("PRAGMA busy_timeout=10000");
        int version;
        try (ResultSet r = s.executeQuery("PRAGMA user_version")) {
          version = r.next() ? r.getInt(1) : 0;
        }
        if (version > SCHEMA) {
          throw new StoreException(
              file
                  + " has schema version "
                  + version
                  + ", expected at most "
                  + SCHEMA
                  + " (written by a newer redrive)",
              null);
        }
        s.execute(
            "CREATE TABLE IF NOT EXISTS rows (tbl TEXT NOT NULL, key TEXT NOT NULL, parent TEXT"
                + " NOT NULL, seq INTEGER NOT NULL, value TEXT NOT NULL, PRIMARY KEY (tbl, key))"
                + " WITHOUT ROWID");
        s.execute("CREATE INDEX IF NOT EXISTS rows_parent ON rows (tbl, parent)");
        s.execute(
            "CREATE TABLE IF NOT EXISTS history (arn TEXT NOT NULL, id INTEGER NOT NULL, value"
                + " TEXT NOT NULL, PRIMARY KEY (arn, id)) WITHOUT ROWID");
        s.execute("PRAGMA user_version=" + SCHEMA);
      }
      writer.setAutoCommit(false);
      Connection reader = DriverManager.getConnection("jdbc:sqlite:" + file);
      return new SqliteStateStore(file, writer, reader);
    } catch (SQLException e) {
      throw new StoreException("cannot open " + file + ": " + e.getMessage(), e);
    }
  }

  /** The database file. */
  public Path file() {
    return file;
  }

  @Override
  public void put(Table table, Row row) {
    enqueue(new Put(table, row));
  }

  @Override
  public void delete(Table table, String key) {
    enqueue(new Delete(table, key));
  }

  @Override
  public void appendHistory(String executionArn, List<JsonNode> events) {
    if (!events.isEmpty()) {
      enqueue(new Append(executionArn, List.copyOf(events)));
    }
  }

  @Override
  public void dropExecutions(List<String> executionArns) {
    if (!executionArns.isEmpty()) {
      enqueue(new Drop(List.copyOf(executionArns)));
    }
  }

  @Override
  public void forEach(Table table, Consumer<Row> action) {
    forEachRaw(
        table,
        raw -> {
          JsonNode value = parse(raw.text(), table + " " + raw.key());
          if (value != null) {
            action.accept(new Row(raw.key(), raw.parent(), raw.sequence(), value));
          }
        });
  }

  @Override
  public void forEachRaw(Table table, Consumer<RawRow> action) {
    flush();
    synchronized (reader) {
      try (PreparedStatement p =
          reader.prepareStatement(
              "SELECT key, parent, seq, value FROM rows WHERE tbl = ? ORDER BY seq")) {
        p.setString(1, table.name());
        try (ResultSet r = p.executeQuery()) {
          while (r.next()) {
            action.accept(new RawRow(r.getString(1), r.getString(2), r.getLong(3), r.getString(4)));
          }
        }
      } catch (SQLException e) {
        throw new StoreException(
            "cannot read " + table + " from " + file + ": " + e.getMessage(), e);
      }
    }
  }

  @Override
  public List<JsonNode> history(String executionArn) {
    flush();
    List<JsonNode> events = new ArrayList<>();
    synchronized (reader) {
      try (PreparedStatement p =
          reader.prepareStatement("SELECT value FROM history WHERE arn = ? ORDER BY id")) {
        p.setString(1, executionArn);
        try (ResultSet r = p.executeQuery()) {
          while (r.next()) {
            JsonNode e = parse(r.getString(1), "history of " + executionArn);
            if (e != null) {
              events.add(e);
            }
          }
        }
      } catch (SQLException e) {
        throw new StoreException(
            "cannot read the history of " + executionArn + " from " + file + ": " + e.getMessage(),
            e);
      }
    }
    return events;
  }

  /** A row that is not JSON is skipped with a warning: the rest of the store stays usable. */
  private JsonNode parse(String text, String what) {
    try {
      return JSON.readTree(text);
    } catch (JsonProcessingException e) {
      LOG.warning(
          "skipping " + what + " in " + file + ": not JSON (" + e.getOriginalMessage() + ")");
      return null;
    }
  }

  @Override
  public void flush() {
    if (Thread.currentThread() == thread || closed) {
      return;
    }
    Flush f = new Flush(new CompletableFuture<>());
    enqueue(f);
    f.done().join();
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    Flush last = new Flush(new CompletableFuture<>());
    enqueue(last);
    last.done().join();
    closed = true;
    thread.interrupt();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      synchronized (reader) {
        reader.close();
      }
      writer.close();
    } catch (SQLException e) {
      LOG.log(Level.WARNING, "cannot close " + file, e);
    }
  }

  private void enqueue(Op op) {
    if (closed) {
      throw new IllegalStateException("store " + file + " is closed");
    }
    queue.add(op);
  }

  // ---- the writer thread ----

  private void writeLoop() {
    List<Op> batch = new ArrayList<>(BATCH);
    while (!closed || !queue.isEmpty()) {
      try {
        Op first = queue.take();
        batch.add(first);
      } catch (InterruptedException e) {
        if (closed) {
          break;
        }
        continue;
      }
      queue.drainTo(batch, BATCH - 1);
      commit(batch);
      batch.clear();
    }
  }

  private void commit(List<Op> batch) {
    try (PreparedStatement put =
            writer.prepareStatement(
                "INSERT OR REPLACE INTO rows (tbl, key, parent, seq, value) VALUES (?, ?, ?, ?, ?)");
        PreparedStatement delete =
            writer.prepareStatement("DELETE FROM rows WHERE tbl = ? AND key = ?");
        PreparedStatement append =
            writer.prepareStatement(
                "INSERT OR REPLACE INTO history (arn, id, value) VALUES (?, ?, ?)");
        PreparedStatement dropRow =
            writer.prepareStatement(
                "DELETE FROM rows WHERE key = ? AND tbl IN ('EXECUTION', 'PROGRESS')");
        PreparedStatement dropChildren =
            writer.prepareStatement(
                "DELETE FROM rows WHERE parent = ? AND tbl IN ('MAP_RUN', 'TASK_TOKEN')");
        PreparedStatement dropHistory =
            writer.prepareStatement("DELETE FROM history WHERE arn = ?")) {
      for (Op op : batch) {
        if (op instanceof Put p) {
          put.setString(1, p.table().name());
          put.setString(2, p.row().key());
          put.setString(3, p.row().parent());
          put.setLong(4, p.row().sequence());
          put.setString(5, text(p.row().value()));
          put.executeUpdate();
        } else if (op instanceof Delete d) {
          delete.setString(1, d.table().name());
          delete.setString(2, d.key());
          delete.executeUpdate();
        } else if (op instanceof Append a) {
          for (JsonNode e : a.events()) {
            append.setString(1, a.executionArn());
            append.setLong(2, e.path("id").asLong());
            append.setString(3, text(e));
            append.addBatch();
          }
          append.executeBatch();
        } else if (op instanceof Drop d) {
          for (String arn : d.executionArns()) {
            dropRow.setString(1, arn);
            dropRow.executeUpdate();
            dropChildren.setString(1, arn);
            dropChildren.executeUpdate();
            dropHistory.setString(1, arn);
            dropHistory.executeUpdate();
          }
        }
      }
      writer.commit();
    } catch (SQLException | RuntimeException e) {
      LOG.log(Level.SEVERE, "cannot write " + batch.size() + " changes to " + file, e);
      try {
        writer.rollback();
      } catch (SQLException ignored) {
        // the connection is unusable; the next batch reports it again
      }
    } finally {
      for (Op op : batch) {
        if (op instanceof Flush f) {
          f.done().complete(null);
        }
      }
    }
  }

  private static String text(JsonNode value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render JSON", e);
    }
  }

  private sealed interface Op permits Put, Delete, Append, Drop, Flush {}

  private record Put(Table table, Row row) implements Op {}

  private record Delete(Table table, String key) implements Op {}

  private record Append(String executionArn, List<JsonNode> events) implements Op {}

  private record Drop(List<String> executionArns) implements Op {}

  private record Flush(CompletableFuture<Void> done) implements Op {}
}
