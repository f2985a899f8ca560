package dev.redrive.simulator.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives the annotated test class a local Step Functions. Test and lifecycle methods declare what
 * they need as parameters: {@link dev.redrive.simulator.service.StepFunctionsService} (in process),
 * {@link software.amazon.awssdk.services.sfn.SfnClient} and {@link SimulatorEndpoint} (served on a
 * free 127.0.0.1 port, started on first use), {@link dev.redrive.simulator.runtime.VirtualClock}
 * (when {@link #virtualClock()}), and {@link dev.redrive.simulator.mock.MockConfig}. Everything is
 * closed after each test, or after the class with {@link #perClass()}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(SimulatorExtension.class)
public @interface RedriveSimulator {
  /** Region in ARNs and of the client. */
  String region() default "us-east-1";

  /** The 12-digit account id in ARNs. */
  String account() default "111111111111";

  /**
   * True (default): a {@link dev.redrive.simulator.runtime.VirtualClock} that only the test (and
   * the executions' own waits) move; false: the system clock.
   */
  boolean virtualClock() default true;

  /** Where the virtual clock starts, as an ISO-8601 instant. */
  String clockStart() default "2025-01-01T00:00:00Z";

  /**
   * A mock configuration in Step Functions Local's format: a classpath resource (e.g. {@code
   * /mocks/MockConfigFile.json}) or, when none has that name, a file path. Empty: none, or the one
   * a static method annotated {@link SimulatorMockConfig} returns.
   */
  String mockConfig() default "";

  /** One simulator for all tests of the class instead of a new one per test. */
  boolean perClass() default false;
}
