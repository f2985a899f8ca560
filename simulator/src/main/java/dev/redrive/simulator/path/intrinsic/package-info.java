/**
 * The intrinsic functions of JSONPath mode ({@code States.Format}, {@code States.Array}, {@code
 * States.MathAdd}, ...), as in the AWS Step Functions guide, "Intrinsic functions for JSONPath
 * states".
 *
 * <p>Public API: {@link dev.redrive.simulator.path.intrinsic.Intrinsics} (recognise and parse) and
 * {@link dev.redrive.simulator.path.intrinsic.IntrinsicCall} (evaluate). Everything else is
 * package-private: the parser, the argument model, and one class per group of functions (arrays,
 * strings, JSON, encoding and hashing, math).
 *
 * <p>Errors are {@link dev.redrive.simulator.error.StatesError}s named {@code States.Runtime}. A
 * syntax error (unknown function, wrong number of arguments, bad literal) is raised by {@code
 * parse}; a path that selects nothing, an argument of the wrong type or out of range is raised by
 * {@code evaluate}, with a cause of the form {@code The function '<call>' had the following error:
 * <detail>}, to which the interpreter adds the usual {@code An error occurred while executing the
 * state '<name>' (entered at the event id #<n>). } prefix.
 */
package dev.redrive.simulator.path.intrinsic;
