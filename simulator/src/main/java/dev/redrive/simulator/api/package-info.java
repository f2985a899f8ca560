/**
 * The simulator's HTTP endpoint: {@link dev.redrive.simulator.api.SimulatorServer} speaks the Step
 * Functions JSON 1.0 protocol ({@code POST /}, {@code X-Amz-Target: AWSStepFunctions.<Operation>})
 * as the AWS SDKs send it. One handler class per operation; errors go out as {@code {"__type":
 * "<Code>", "message": "..."}} with AWS's code and HTTP status.
 */
package dev.redrive.simulator.api;
