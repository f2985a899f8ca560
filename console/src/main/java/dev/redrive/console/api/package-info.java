/**
 * The console's JSON endpoints under {@code /console/api/}: read-only views built on the
 * simulator's {@link dev.redrive.simulator.service.StepFunctionsService}, and actions that call the
 * same service methods as the Step Functions API, so that histories record them as the API would.
 * Errors are {@code {"__type", "message"}} with AWS's error code, as the API sends them.
 */
package dev.redrive.console.api;
