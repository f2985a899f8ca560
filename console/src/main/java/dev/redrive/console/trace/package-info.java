/**
 * What an execution's history says happened to each state: which states ran in which attempt
 * (redrive), how each ended (succeeded, failed, caught, running, waiting on a token, aborted), the
 * transitions taken, the failed state, and the task tokens still waited for.
 */
package dev.redrive.console.trace;
