/**
 * Choice Rules in JSONPath mode, compiled once when a definition loads and evaluated on every pass
 * through a Choice state.
 *
 * <p>The entry point is {@link dev.redrive.simulator.definition.choice.ChoiceRules}: {@code
 * compile} turns a rule's JSON into a {@link dev.redrive.simulator.definition.choice.ChoiceRule},
 * {@code firstMatch} picks the rule a Choice state follows, and the error helpers name what AWS
 * raises. Everything else in the package is the rules' internal form: comparisons ({@code
 * Comparisons}), Boolean combinations ({@code Logical}), value types and their order ({@code
 * ValueType}, {@code NumericOrder}, {@code Timestamp}) and {@code StringMatches} patterns ({@code
 * WildcardPattern}).
 */
package dev.redrive.simulator.definition.choice;
