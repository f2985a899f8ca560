package dev.redrive.functions.controller;

import java.util.Locale;

/**
 * Whether the controller acts on its decisions ({@code CONTROLLER_MODE}, default {@code enforce}).
 */
public enum ControllerMode {
  /** Decides and acts: redrives, delays, publishes give-ups. */
  ENFORCE,
  /**
   * Decides, logs, audits and counts exactly as {@link #ENFORCE}, but acts on nothing: no
   * RedriveExecution, no delayed message, no give-up event or SNS message, no ledger claim. Each
   * decision is marked as not taken ({@link Outcome#taken()}). The way to try a policy in
   * production first.
   */
  SHADOW;

  /**
   * {@code enforce} or {@code shadow}, in any case.
   *
   * @throws IllegalArgumentException naming what was expected and what was found
   */
  public static ControllerMode parse(String text) {
    String value = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    return switch (value) {
      case "enforce" -> ENFORCE;
      case "shadow" -> SHADOW;
      default ->
          throw new IllegalArgumentException("expected enforce or shadow, found '" + text + "'");
    };
  }

  /** The name as the environment and the logs write it: {@code enforce} or {@code shadow}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
