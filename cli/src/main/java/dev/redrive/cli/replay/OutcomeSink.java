package dev.redrive.cli.replay;

/** Receives the outcome of each value read, in input order, on the reading thread. */
@FunctionalInterface
interface OutcomeSink {
  void accept(Source source, Outcome outcome);
}
