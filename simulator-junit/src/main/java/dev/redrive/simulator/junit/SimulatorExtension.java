package dev.redrive.simulator.junit;

import dev.redrive.simulator.mock.MockConfig;
import dev.redrive.simulator.runtime.VirtualClock;
import dev.redrive.simulator.service.StepFunctionsService;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * The extension behind {@link RedriveSimulator}: creates the simulator before each test (or before
 * the class), resolves its parameters, and closes it after.
 */
public final class SimulatorExtension
    implements BeforeAllCallback,
        BeforeEachCallback,
        AfterEachCallback,
        AfterAllCallback,
        ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(SimulatorExtension.class);
  private static final String KEY = "simulator";
  private static final Set<Class<?>> TYPES =
      Set.of(
          StepFunctionsService.class,
          SfnClient.class,
          SimulatorEndpoint.class,
          VirtualClock.class,
          MockConfig.class);

  @Override
  public void beforeAll(ExtensionContext context) {
    if (settings(context).perClass()) {
      context.getStore(NAMESPACE).put(KEY, create(context));
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    if (!settings(context).perClass()) {
      context.getStore(NAMESPACE).put(KEY, create(context));
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (!settings(context).perClass()) {
      closeIn(context);
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (settings(context).perClass()) {
      closeIn(context);
    }
  }

  // Closed here rather than left to the store, so a test's resources are gone before the next
  // test starts, whatever the JUnit version's store-closing settings.
  private static void closeIn(ExtensionContext context) {
    LocalStepFunctions sim = context.getStore(NAMESPACE).remove(KEY, LocalStepFunctions.class);
    if (sim != null) {
      sim.close();
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return TYPES.contains(parameter.getParameter().getType());
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    LocalStepFunctions sim = context.getStore(NAMESPACE).get(KEY, LocalStepFunctions.class);
    if (sim == null) {
      throw new ParameterResolutionException(
          "no simulator for "
              + parameter.getDeclaringExecutable()
              + ": expected @RedriveSimulator(perClass = true) to inject "
              + type.getSimpleName()
              + " into a class-level method, found a simulator per test");
    }
    if (type == StepFunctionsService.class) {
      return sim.service();
    }
    if (type == SfnClient.class) {
      return sim.client();
    }
    if (type == SimulatorEndpoint.class) {
      return sim.endpoint();
    }
    if (type == MockConfig.class) {
      return sim.mockConfig();
    }
    return sim.clock()
        .orElseThrow(
            () ->
                new ParameterResolutionException(
                    "no VirtualClock for "
                        + parameter.getDeclaringExecutable()
                        + ": expected @RedriveSimulator(virtualClock = true), found false"));
  }

  private static RedriveSimulator settings(ExtensionContext context) {
    Class<?> type = context.getRequiredTestClass();
    for (Class<?> c = type; c != null; c = c.getEnclosingClass()) {
      RedriveSimulator found = c.getAnnotation(RedriveSimulator.class);
      if (found != null) {
        return found;
      }
    }
    throw new ExtensionConfigurationException(
        "SimulatorExtension on "
            + type.getName()
            + ": expected the class to be annotated @RedriveSimulator, found no annotation");
  }

  private static LocalStepFunctions create(ExtensionContext context) {
    RedriveSimulator settings = settings(context);
    Class<?> type = context.getRequiredTestClass();
    Optional<VirtualClock> clock = Optional.empty();
    if (settings.virtualClock()) {
      try {
        clock = Optional.of(new VirtualClock(Instant.parse(settings.clockStart())));
      } catch (DateTimeParseException e) {
        throw new ExtensionConfigurationException(
            "@RedriveSimulator(clockStart) on "
                + type.getName()
                + ": expected an ISO-8601 instant such as 2025-01-01T00:00:00Z, found \""
                + settings.clockStart()
                + "\"",
            e);
      }
    }
    try {
      return new LocalStepFunctions(
          settings.region(), settings.account(), clock, mockConfig(settings, type));
    } catch (IllegalArgumentException e) {
      throw new ExtensionConfigurationException(
          "@RedriveSimulator on " + type.getName() + ": " + e.getMessage(), e);
    }
  }

  private static MockConfig mockConfig(RedriveSimulator settings, Class<?> type) {
    List<Method> methods = new ArrayList<>();
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      for (Method m : c.getDeclaredMethods()) {
        if (m.isAnnotationPresent(SimulatorMockConfig.class)) {
          methods.add(m);
        }
      }
    }
    boolean named = !settings.mockConfig().isEmpty();
    if (methods.size() > 1 || (named && !methods.isEmpty())) {
      throw new ExtensionConfigurationException(
          type.getName()
              + ": expected one source of mock configuration, found "
              + (named
                  ? "@RedriveSimulator(mockConfig = \"" + settings.mockConfig() + "\") and "
                  : "")
              + methods.size()
              + " @SimulatorMockConfig method(s)");
    }
    if (named) {
      return load(settings.mockConfig(), type);
    }
    if (methods.isEmpty()) {
      return MockConfig.empty();
    }
    return invoke(methods.get(0));
  }

  private static MockConfig load(String name, Class<?> type) {
    String resource = name.startsWith("/") ? name : "/" + name;
    try (InputStream in = type.getResourceAsStream(resource)) {
      if (in != null) {
        return MockConfig.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), name);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read mock configuration resource " + name, e);
    }
    Path file = Path.of(name);
    if (!Files.isRegularFile(file)) {
      throw new ExtensionConfigurationException(
          "@RedriveSimulator(mockConfig) on "
              + type.getName()
              + ": expected a classpath resource or a file, found neither named \""
              + name
              + "\"");
    }
    return MockConfig.load(file);
  }

  private static MockConfig invoke(Method method) {
    String where = method.getDeclaringClass().getName() + "." + method.getName();
    if (!Modifier.isStatic(method.getModifiers())
        || method.getParameterCount() != 0
        || !(method.getReturnType() == MockConfig.class
            || method.getReturnType() == String.class)) {
      throw new ExtensionConfigurationException(
          "@SimulatorMockConfig "
              + where
              + ": expected a static method without parameters returning MockConfig or String,"
              + " found "
              + method);
    }
    Object value;
    try {
      method.setAccessible(true);
      value = method.invoke(null);
    } catch (ReflectiveOperationException e) {
      throw new ExtensionConfigurationException(
          "@SimulatorMockConfig " + where + " failed: " + e.getCause(), e);
    }
    if (value instanceof MockConfig config) {
      return config;
    }
    if (value instanceof String json) {
      return MockConfig.parse(json, where);
    }
    throw new ExtensionConfigurationException(
        "@SimulatorMockConfig " + where + ": expected a value, found null");
  }
}
