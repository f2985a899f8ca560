package dev.redrive.simulator.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.redrive.simulator.definition.DefinitionParser;
import dev.redrive.simulator.definition.validation.DefinitionValidator;
import dev.redrive.simulator.validation.RequestValidator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/** The state machines of one service, by ARN. Thread-safe. */
final class StateMachines {
  private final Arns arns;
  private final Map<String, StateMachine> byArn = new LinkedHashMap<>();
  private final AtomicLong sequence = new AtomicLong();

  StateMachines(Arns arns) {
    this.arns = arns;
  }

  /**
   * CreateStateMachine. Creating one again with the same definition, role and type returns the
   * existing one, as AWS does; anything else under the same name is {@code
   * StateMachineAlreadyExists}.
   */
  StateMachine create(
      String name,
      String definition,
      String roleArn,
      String type,
      JsonNode logging,
      JsonNode tracing,
      Instant now) {
    String effectiveType = type == null ? StateMachine.STANDARD : type;
    DefinitionValidator.validate(definition, effectiveType);
    String arn = arns.stateMachine(name);
    synchronized (this) {
      StateMachine existing = byArn.get(arn);
      if (existing != null) {
        if (existing.definition().equals(definition)
            && existing.roleArn().equals(roleArn)
            && existing.type().equals(effectiveType)) {
          return existing;
        }
        throw ServiceException.stateMachineAlreadyExists(arn);
      }
      StateMachine created =
          new StateMachine(
              arn,
              name,
              effectiveType,
              definition,
              DefinitionParser.parse(definition),
              roleArn,
              now,
              Optional.empty(),
              Optional.empty(),
              logging == null ? defaultLogging() : logging,
              tracing == null ? defaultTracing() : tracing,
              sequence.incrementAndGet());
      byArn.put(arn, created);
      return created;
    }
  }

  /**
   * @throws ServiceException {@code StateMachineDoesNotExist}
   */
  synchronized StateMachine get(String arn) {
    RequestValidator.stateMachineArn(arn);
    StateMachine found = byArn.get(arn);
    if (found == null) {
      throw ServiceException.stateMachineDoesNotExist(arn);
    }
    return found;
  }

  /** UpdateStateMachine: a new definition, role, logging or tracing configuration. */
  StateMachine update(
      String arn,
      String definition,
      String roleArn,
      JsonNode logging,
      JsonNode tracing,
      Instant now) {
    StateMachine current = get(arn);
    if (definition != null) {
      DefinitionValidator.validate(definition, current.type());
    }
    synchronized (this) {
      current = get(arn);
      StateMachine updated =
          new StateMachine(
              current.arn(),
              current.name(),
              current.type(),
              definition == null ? current.definition() : definition,
              definition == null ? current.parsed() : DefinitionParser.parse(definition),
              roleArn == null ? current.roleArn() : roleArn,
              current.creationDate(),
              Optional.of(now),
              Optional.of(UUID.randomUUID().toString()),
              logging == null ? current.loggingConfiguration() : logging,
              tracing == null ? current.tracingConfiguration() : tracing,
              current.sequence());
      byArn.put(arn, updated);
      return updated;
    }
  }

  /** DeleteStateMachine: deleting one that does not exist succeeds, as in AWS. */
  synchronized void delete(String arn) {
    RequestValidator.stateMachineArn(arn);
    byArn.remove(arn);
  }

  /** Adds a state machine read back from the store. */
  synchronized void restore(StateMachine sm) {
    byArn.put(sm.arn(), sm);
    sequence.accumulateAndGet(sm.sequence(), Math::max);
  }

  synchronized List<StateMachine> all() {
    return new ArrayList<>(byArn.values());
  }

  private static ObjectNode defaultLogging() {
    ObjectNode logging = JsonNodeFactory.instance.objectNode();
    logging.put("level", "OFF");
    logging.put("includeExecutionData", false);
    return logging;
  }

  private static ObjectNode defaultTracing() {
    return JsonNodeFactory.instance.objectNode().put("enabled", false);
  }
}
