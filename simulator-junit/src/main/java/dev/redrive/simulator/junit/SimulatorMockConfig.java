package dev.redrive.simulator.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the static, parameterless method of a {@link RedriveSimulator} class that returns the mock
 * configuration: a {@link dev.redrive.simulator.mock.MockConfig} or its JSON text as a {@code
 * String}. Not allowed together with {@link RedriveSimulator#mockConfig()}.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface SimulatorMockConfig {}
