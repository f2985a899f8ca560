/**
 * A state machine as a graph: its states, Parallel branches and Map item processors nested as in
 * AWS's console, laid out with the Eclipse Layout Kernel (layered algorithm, top to bottom).
 */
package dev.redrive.console.graph;
