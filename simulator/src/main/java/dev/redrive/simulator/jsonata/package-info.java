/**
 * JSONata evaluation as AWS Step Functions does it for states whose {@code QueryLanguage} is {@code
 * JSONata}.
 *
 * <p>The interpreter calls {@link dev.redrive.simulator.jsonata.JsonataEngine}:
 *
 * <ul>
 *   <li>{@code evaluateTemplate(template, bindings, field)} for {@code Arguments}, {@code Output},
 *       {@code Assign}, {@code ItemSelector} and any other field that may hold a JSON template;
 *       nested failures are located as AWS does ({@code Output/a/b[0]}). A matched Choice rule's or
 *       a catcher's own fields are named under it: {@code Choices[1]/Output}, {@code
 *       Catch[0]/Assign}.
 *   <li>{@code evaluateAs(expression, bindings, field, type)} for a single expression whose result
 *       must be of one JSON type: {@code Items} (array), {@code Choices[i]/Condition} (boolean).
 *   <li>{@code evaluate(expression, bindings, field)} for any other single expression ({@code
 *       TimeoutSeconds}, {@code Seconds}, {@code Timestamp}, {@code Error}, {@code MaxConcurrency},
 *       ...).
 * </ul>
 *
 * <p>Every failure is a {@link dev.redrive.simulator.jsonata.JsonataException}; {@code
 * toStatesError(stateName, enteredEventId)} gives the {@code States.QueryEvaluationError} to record
 * (with an {@code EvaluationFailed} event whose {@code location} is {@code location()}, left out
 * when empty). Its static factories word the failures the interpreter detects itself exactly as
 * AWS: a Map input that is not an array, a Wait timestamp that does not parse.
 */
package dev.redrive.simulator.jsonata;
