package dev.redrive.cli;

/** The exit codes of {@code redrive}, as DESIGN.md gives them. */
public final class ExitCodes {
  /** Success: the command did what was asked and every check held. */
  public static final int OK = 0;

  /** A check failed: a policy test failed, or a policy is invalid ({@code policy validate}). */
  public static final int CHECK_FAILED = 1;

  /**
   * Bad usage (unknown command, missing argument) or bad input (unreadable file, malformed event).
   */
  public static final int BAD_INPUT = 2;

  private ExitCodes() {}
}
