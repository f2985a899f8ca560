/**
 * Validation of Amazon States Language definitions with AWS Step Functions' own diagnostic codes
 * and messages, for CreateStateMachine, UpdateStateMachine, ValidateStateMachineDefinition and
 * TestState.
 *
 * <p>Entry point: {@link dev.redrive.simulator.definition.validation.DefinitionValidator}. A
 * failure is an {@link dev.redrive.simulator.definition.validation.InvalidDefinitionException}
 * whose message is AWS's; ValidateStateMachineDefinition gets the same problems as {@link
 * dev.redrive.simulator.definition.validation.Diagnostic}s.
 *
 * <p>Where the wording comes from: messages recorded against AWS (the conformance corpus, and the
 * AWS recordings its source project keeps) are reproduced exactly; for rules whose AWS wording was
 * never observed, the message follows the same patterns ({@code These fields are required: [..]},
 * {@code Field 'X' is not supported}, {@code The value for the field 'X' must be ...}). The
 * resource file {@code validation/definition-cases.json} of the tests names the source of each.
 */
package dev.redrive.simulator.definition.validation;
