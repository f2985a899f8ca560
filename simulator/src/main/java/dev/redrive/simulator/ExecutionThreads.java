package dev.redrive.simulator;

import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;

/**
 * Where {@link Simulator#start} runs executions unless told otherwise: a thread each, virtual on
 * JDK 24 and later, a daemon platform thread before. An execution holds its thread while it waits
 * (task token, activity, Wait state); a virtual thread waiting costs a few kilobytes of heap, a
 * platform thread its stack and a kernel thread. JDK 21 to 23 have virtual threads too, but there
 * one blocking inside {@code synchronized} (a local function or an event sink may) holds its
 * carrier thread, and a few such could stall every execution; JDK 24 lifted that (JEP 491). The
 * simulator is compiled for Java 17, so the virtual-thread API is reached by reflection.
 */
public final class ExecutionThreads {
  /** The first Java version whose virtual threads do not pin their carrier in synchronized. */
  static final int VIRTUAL_FROM = 24;

  private ExecutionThreads() {}

  /** Virtual threads where the JVM has them without pinning, else platform threads. */
  public static java.util.concurrent.ExecutorService create() {
    if (Runtime.version().feature() >= VIRTUAL_FROM) {
      java.util.concurrent.ExecutorService virtual = virtualThreads();
      if (virtual != null) {
        return virtual;
      }
    }
    return platformThreads();
  }

  /** A daemon platform thread per execution, reused once it ends. */
  static java.util.concurrent.ExecutorService platformThreads() {
    return Executors.newCachedThreadPool(
        r -> {
          Thread t = new Thread(r, "redrive-execution");
          t.setDaemon(true);
          return t;
        });
  }

  /**
   * A virtual thread per execution, named {@code redrive-execution-<n>}; null when this JVM has no
   * virtual threads.
   */
  static java.util.concurrent.ExecutorService virtualThreads() {
    try {
      Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
      Class<?> ofVirtual = Class.forName("java.lang.Thread$Builder$OfVirtual");
      builder =
          ofVirtual
              .getMethod("name", String.class, long.class)
              .invoke(builder, "redrive-execution-", 0L);
      ThreadFactory factory =
          (ThreadFactory)
              Class.forName("java.lang.Thread$Builder").getMethod("factory").invoke(builder);
      return (java.util.concurrent.ExecutorService)
          Executors.class
              .getMethod("newThreadPerTaskExecutor", ThreadFactory.class)
              .invoke(null, factory);
    } catch (ReflectiveOperationException e) {
      // Java 17 to 20: no virtual threads (or, before 21, only as a preview feature)
      return null;
    }
  }
}
