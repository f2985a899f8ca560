/**
 * The Step Functions service behind the API: {@link
 * dev.redrive.simulator.service.StepFunctionsService} keeps state machines, activities and
 * executions, runs executions in the background and publishes their status changes.
 */
package dev.redrive.simulator.service;
