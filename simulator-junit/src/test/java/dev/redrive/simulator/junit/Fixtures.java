package dev.redrive.simulator.junit;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.ArrayList;
import java.util.List;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/** Runs a fixture class (a test class used as data) through the JUnit Platform. */
final class Fixtures {
  /** What fixture tests saw, in the order they ran; cleared by {@link #run}. */
  static final List<Object> SEEN = new ArrayList<>();

  private Fixtures() {}

  static TestExecutionSummary run(Class<?> fixture) {
    SEEN.clear();
    LauncherDiscoveryRequest request =
        LauncherDiscoveryRequestBuilder.request().selectors(selectClass(fixture)).build();
    Launcher launcher = LauncherFactory.create();
    SummaryGeneratingListener listener = new SummaryGeneratingListener();
    launcher.execute(request, listener);
    return listener.getSummary();
  }

  /** The first failure's message, for assertions on what a user would read. */
  static String firstFailure(TestExecutionSummary summary) {
    return summary.getFailures().isEmpty()
        ? "(no failure)"
        : String.valueOf(summary.getFailures().get(0).getException().getMessage());
  }
}
