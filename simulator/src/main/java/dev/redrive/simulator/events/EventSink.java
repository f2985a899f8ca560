package dev.redrive.simulator.events;

/** A destination of every published event, as one line of JSON text. */
public interface EventSink extends AutoCloseable {
  /**
   * Delivers one event.
   *
   * @param json the event as compact JSON text, without a line break
   */
  void accept(String json);

  /** Releases the sink's resources; no event is accepted afterwards. */
  @Override
  void close();
}
