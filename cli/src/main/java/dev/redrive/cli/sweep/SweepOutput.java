package dev.redrive.cli.sweep;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * What a sweep prints: one row per execution (a table, or JSON lines with {@code --json}) on
 * stdout, a progress line on stderr every few seconds, and the summary (on stdout after the table,
 * on stderr after JSON lines, so that stdout stays JSON).
 */
final class SweepOutput {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ROW = "%-9s  %8s  %-14s  %6s  %-24s  %-28s  %s%n";
  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private final PrintWriter out;
  private final PrintWriter err;
  private final boolean json;
  private final boolean apply;
  private final LongSupplier nanoTime;
  private final Map<String, long[]> byAction = new TreeMap<>();
  private final long start;
  private long lastProgress;
  private long rows;
  private long total;
  private volatile long throttles;

  SweepOutput(
      PrintWriter out, PrintWriter err, boolean json, boolean apply, LongSupplier nanoTime) {
    this.out = out;
    this.err = err;
    this.json = json;
    this.apply = apply;
    this.nanoTime = nanoTime;
    this.start = nanoTime.getAsLong();
    this.lastProgress = start;
  }

  /** How many executions were listed: the progress line's total. */
  void listed(long executions) {
    this.total = executions;
    if (!json && executions > 0) {
      out.printf(ROW, "STATUS", "REDRIVES", "ACTION", "DELAY", "RULE", "ERROR", "EXECUTION");
    }
  }

  void row(SweepRow row) {
    rows++;
    String action = row.action() + (row.taken() || !apply || isPassive(row.action()) ? "" : "*");
    byAction.computeIfAbsent(row.action(), a -> new long[2])[row.taken() ? 1 : 0]++;
    if (json) {
      ObjectNode line = JSON.createObjectNode();
      line.put("executionArn", row.executionArn());
      line.put("status", row.status());
      line.put("error", row.error().orElse(null));
      line.put("redriveCount", row.redriveCount());
      line.put("action", row.action());
      line.put("delaySeconds", row.delaySeconds());
      line.put("rule", row.rule().orElse(null));
      line.put("detail", row.detail());
      line.put("taken", row.taken());
      out.println(line);
    } else {
      out.printf(
          ROW,
          row.status(),
          row.redriveCount(),
          action,
          row.delaySeconds() == 0 ? "-" : row.delaySeconds() + "s",
          row.rule().orElse("-"),
          row.action().equals(SweepRow.ERROR) ? row.detail() : row.error().orElse("-"),
          row.executionArn());
    }
    progress();
  }

  /** Actions that change nothing, so that "not taken" means nothing for them. */
  private static boolean isPassive(String action) {
    return !action.equals("REDRIVE") && !action.equals("GAVE_UP");
  }

  synchronized void throttled() {
    throttles++;
  }

  private void progress() {
    long now = nanoTime.getAsLong();
    if (now - lastProgress < 5 * NANOS_PER_SECOND) {
      return;
    }
    lastProgress = now;
    err.println(
        String.format(
            Locale.ROOT,
            "sweep: %,d of %,d executions  %.0f s",
            rows,
            total,
            (now - start) / (double) NANOS_PER_SECOND));
    err.flush();
  }

  long count(String action, boolean taken) {
    long[] counts = byAction.get(action);
    return counts == null ? 0 : counts[taken ? 1 : 0];
  }

  /** The rows printed so far. */
  long rows() {
    return rows;
  }

  /** The calls retried so far. */
  long throttles() {
    return throttles;
  }

  long errors() {
    return count(SweepRow.ERROR, false);
  }

  /** The summary: counts by action, and what was and was not done. */
  void summary(boolean stopped) {
    PrintWriter to = json ? err : out;
    if (!json && rows > 0) {
      to.println();
    }
    double seconds = (nanoTime.getAsLong() - start) / (double) NANOS_PER_SECOND;
    to.println(
        String.format(
            Locale.ROOT,
            "%s %,d of %,d executions in %.1f s%s",
            stopped ? "stopped after" : "swept",
            rows,
            total,
            seconds,
            throttles == 0 ? "" : String.format(Locale.ROOT, " (%,d calls retried)", throttles)));
    for (Map.Entry<String, long[]> e : byAction.entrySet()) {
      long notTaken = e.getValue()[0];
      long taken = e.getValue()[1];
      to.println(
          String.format(
              Locale.ROOT,
              "  %-15s %,9d%s",
              e.getKey(),
              taken + notTaken,
              note(e.getKey(), taken)));
    }
    if (!apply) {
      to.println("dry run: nothing was changed; --apply redrives what the policy says to redrive");
    } else if (count("GAVE_UP", false) > 0) {
      to.println("give-ups are reported, not published (GAVE_UP*)");
    }
    to.flush();
  }

  private String note(String action, long taken) {
    if (!apply) {
      return "";
    }
    if (action.equals("REDRIVE")) {
      return "  redriven";
    }
    return "";
  }
}
