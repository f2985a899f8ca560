package dev.redrive.simulator.definition.choice;

import dev.redrive.simulator.path.PathResolver;

/** The Boolean part of a compiled Choice Rule, without its {@code Next} and {@code Assign}. */
@FunctionalInterface
interface Condition {

  /**
   * @return whether the condition holds for the values the resolver sees
   * @throws dev.redrive.simulator.error.StatesError as {@link ChoiceRule#matches} documents
   */
  boolean test(PathResolver resolver);
}
