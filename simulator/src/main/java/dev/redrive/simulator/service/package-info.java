/**
 * The Step Functions service behind the API: {@link
 * dev.redrive.simulator.service.StepFunctionsService} keeps state machines, activities and
 * executions, runs executions in the background and publishes their status changes. Finished
 * executions are kept within a {@link dev.redrive.simulator.service.Retention}; with a {@link
 * dev.redrive.simulator.store.StateStore} everything is written to it and read back on the next
 * start.
 *
 * <p>"An execution" here is {@code Execution} (the recorded execution, mutable, package-private)
 * and {@link dev.redrive.simulator.service.ExecutionSnapshot} (the same execution at one moment, as
 * DescribeExecution reports it); its statuses are {@link
 * dev.redrive.simulator.execution.ExecutionStatus} and {@link
 * dev.redrive.simulator.execution.RedriveStatus}.
 */
package dev.redrive.simulator.service;
