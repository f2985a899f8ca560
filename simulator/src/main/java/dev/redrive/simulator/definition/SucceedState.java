package dev.redrive.simulator.definition;

/** A {@code Succeed} state. */
public record SucceedState(StateCommon common) implements State {}
