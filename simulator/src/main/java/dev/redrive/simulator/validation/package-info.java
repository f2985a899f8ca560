/**
 * The checks AWS Step Functions makes on request fields before it looks up any resource, as pure
 * functions: names ({@code InvalidName}), ARN syntax ({@code InvalidArn}), the API model's length,
 * range and enum constraints ({@code ValidationException}), execution inputs ({@code
 * InvalidExecutionInput}), rules between fields, and TestState's mock and configuration rules.
 *
 * <p>Entry point: {@link dev.redrive.simulator.validation.RequestValidator}, one method per
 * operation; failures are {@link dev.redrive.simulator.validation.InvalidRequestException}s
 * carrying AWS's code and message.
 */
package dev.redrive.simulator.validation;
