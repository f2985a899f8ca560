package dev.redrive.cli.serve;

import com.fasterxml.jackson.databind.JsonNode;
import dev.redrive.functions.local.AttachedController;
import dev.redrive.simulator.api.SimulatorServer;
import dev.redrive.simulator.events.EventBus;
import dev.redrive.simulator.events.HoldingSubscriber;
import dev.redrive.simulator.service.StepFunctionsService;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What {@code redrive serve} runs: the event bus with its sinks, the service, its HTTP endpoint,
 * and the attached controller with its subscription to the bus. {@link #close()} stops them in the
 * order that loses nothing silently: the controller first (no event reaches a closed controller),
 * then the endpoint, the service and the bus (which closes the sinks).
 *
 * <p>The controller's subscription is made before the endpoint accepts a call (see {@link
 * HoldingSubscriber}): the failure events of executions started while the controller is being built
 * wait for it instead of being lost.
 */
final class Serving implements AutoCloseable {
  private final EventBus bus;
  private final StepFunctionsService service;
  private final SimulatorServer server;
  private final URI endpoint;
  private final Optional<HoldingSubscriber> held;
  private final Optional<EventBus.Subscription> subscription;
  private Optional<AttachedController> controller = Optional.empty();
  private Optional<EventBus.Subscription> shown = Optional.empty();
  private final List<AutoCloseable> resources;
  private boolean closed;

  /**
   * @param held the subscriber that keeps the failure events for the controller until it is
   *     attached, already subscribed to {@code bus} by {@code subscription}; empty without a
   *     controller
   * @param resources what the service uses and serving owns (hosted queues, service clients),
   *     closed after the service
   */
  Serving(
      EventBus bus,
      StepFunctionsService service,
      SimulatorServer server,
      URI endpoint,
      Optional<HoldingSubscriber> held,
      Optional<EventBus.Subscription> subscription,
      List<AutoCloseable> resources) {
    this.resources = List.copyOf(resources);
    this.bus = Objects.requireNonNull(bus, "bus");
    this.service = Objects.requireNonNull(service, "service");
    this.server = Objects.requireNonNull(server, "server");
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    this.held = Objects.requireNonNull(held, "held");
    this.subscription = Objects.requireNonNull(subscription, "subscription");
  }

  /** Where clients reach the endpoint, e.g. {@code http://127.0.0.1:8083}. */
  URI endpoint() {
    return endpoint;
  }

  /**
   * Feeds the failure events (the EventBridge rule's pattern) to {@code attached}, and to {@code
   * console}, which shows them with the controller's decisions.
   */
  synchronized void attach(AttachedController attached, Consumer<JsonNode> console) {
    shown = Optional.of(bus.subscribe(AttachedController.EVENT_PATTERN, console));
    attach(attached);
  }

  /**
   * Feeds the failure events (the EventBridge rule's pattern) to {@code attached}: first those held
   * since the bus started, then every later one.
   *
   * @throws IllegalStateException when serving was started without a controller, or one is attached
   *     already
   */
  synchronized void attach(AttachedController attached) {
    if (held.isEmpty()) {
      throw new IllegalStateException("serving was started without a controller subscription");
    }
    if (controller.isPresent()) {
      throw new IllegalStateException("a controller is already attached");
    }
    controller = Optional.of(attached);
    held.get().attach(attached);
  }

  /** Stops everything; idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    List<RuntimeException> failures = new ArrayList<>();
    List<AutoCloseable> parts = new ArrayList<>();
    shown.ifPresent(parts::add);
    subscription.ifPresent(parts::add);
    controller.ifPresent(parts::add);
    parts.add(server);
    parts.add(service);
    parts.addAll(resources);
    parts.add(bus);
    for (AutoCloseable part : parts) {
      try {
        part.close();
      } catch (RuntimeException e) {
        failures.add(e);
      } catch (Exception e) {
        failures.add(new IllegalStateException(e));
      }
    }
    if (!failures.isEmpty()) {
      RuntimeException first = failures.get(0);
      failures.subList(1, failures.size()).forEach(first::addSuppressed);
      throw first;
    }
  }
}
