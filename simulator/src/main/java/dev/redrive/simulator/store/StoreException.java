package dev.redrive.simulator.store;

/** The store cannot be opened, read or written; the message says which file and what failed. */
public final class StoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
