package dev.redrive.simulator.service;

import dev.redrive.simulator.runtime.SimClock;
import dev.redrive.simulator.validation.ArnKind;
import dev.redrive.simulator.validation.Arns;
import dev.redrive.simulator.validation.Constraints;
import dev.redrive.simulator.validation.InvalidRequestException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The versions and aliases of the state machines of one service (AWS developer guide, "State
 * machine versions and aliases"), and which version and alias each execution started with.
 *
 * <p>A qualified ARN is a state machine ARN followed by {@code :<version number>} or {@code :<alias
 * name>}; StartExecution takes one, and an alias that splits its routing between two versions draws
 * the version from a {@link Random} that a seed makes reproducible. Thread-safe.
 */
public final class VersionsAndAliases {
  /** Versions AWS keeps per state machine. */
  public static final int MAX_VERSIONS = 1000;

  /** Aliases AWS allows per state machine. */
  public static final int MAX_ALIASES = 100;

  /** AWS's pattern of alias names (CreateStateMachineAlias, {@code name}). */
  public static final String ALIAS_NAME_PATTERN = "^(?=.*[a-zA-Z_\\-\\.])[a-zA-Z0-9_\\-\\.]+$";

  private static final int ARN_PARTS = 7;

  private final Map<String, List<StateMachineVersion>> versions = new LinkedHashMap<>();
  private final Map<String, Integer> lastNumber = new LinkedHashMap<>();
  private final Map<String, StateMachineAlias> aliases = new LinkedHashMap<>();
  private final Map<String, Origin> origins = new ConcurrentHashMap<>();
  private final AtomicLong aliasSequence = new AtomicLong();
  private final SimClock clock;
  private final Random routing;

  /**
   * @param clock dates versions and aliases
   * @param routing draws the version of an alias that routes to two; seed it for reproducible runs
   */
  public VersionsAndAliases(SimClock clock, Random routing) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.routing = Objects.requireNonNull(routing, "routing");
  }

  /**
   * The version and alias an execution started with.
   *
   * @param versionArn the version it runs, absent when started by the unqualified ARN
   * @param aliasArn the alias it was started by, absent when started by another ARN
   */
  public record Origin(Optional<String> versionArn, Optional<String> aliasArn) {
    public Origin {
      Objects.requireNonNull(versionArn, "versionArn");
      Objects.requireNonNull(aliasArn, "aliasArn");
    }

    /** Neither: started by the state machine's own ARN. */
    public static final Origin NONE = new Origin(Optional.empty(), Optional.empty());
  }

  /**
   * What StartExecution runs for an ARN: the state machine (as the version holds it) and the origin
   * its executions report.
   */
  public record Target(StateMachine stateMachine, Origin origin) {
    public Target {
      Objects.requireNonNull(stateMachine, "stateMachine");
      Objects.requireNonNull(origin, "origin");
    }
  }

  /** Whether a state machine ARN carries a version number or alias name. */
  public static boolean isQualified(String arn) {
    return arn != null && arn.split(":", -1).length > ARN_PARTS;
  }

  /** The state machine ARN without its version or alias qualifier. */
  public static String unqualified(String arn) {
    if (!isQualified(arn)) {
      return arn;
    }
    return arn.substring(0, arn.lastIndexOf(':'));
  }

  private static boolean isVersionArn(String arn) {
    return isQualified(arn) && arn.substring(arn.lastIndexOf(':') + 1).matches("[0-9]+");
  }

  // ---- versions ----

  /**
   * PublishStateMachineVersion, and UpdateStateMachine or CreateStateMachine with {@code publish}:
   * a new version of {@code current}, or the latest one when nothing changed since it was
   * published.
   *
   * @param expectedRevision when given, the revision the caller read; another revision is a {@code
   *     ConflictException}
   * @throws ServiceException {@code ServiceQuotaExceededException} beyond {@link #MAX_VERSIONS}
   */
  public synchronized StateMachineVersion publish(
      StateMachine current, Optional<String> expectedRevision, String description) {
    new Constraints().length("description", description, 0, 256).check();
    // A state machine never updated has no revision yet (DescribeStateMachine shows none): any
    // expected revision is then taken as read.
    if (expectedRevision.isPresent()
        && current.revisionId().isPresent()
        && !expectedRevision.get().equals(current.revisionId().get())) {
      throw new ServiceException(
          "ConflictException",
          "Failed to publish the State Machine version for revision "
              + expectedRevision.get()
              + ". The current State Machine revision is "
              + current.revisionId().get()
              + ".");
    }
    List<StateMachineVersion> list =
        versions.computeIfAbsent(current.arn(), k -> new ArrayList<>());
    if (!list.isEmpty()) {
      StateMachineVersion latest = list.get(list.size() - 1);
      if (sameContent(latest.stateMachine(), current)) {
        return latest;
      }
    }
    if (list.size() >= MAX_VERSIONS) {
      throw new ServiceException(
          "ServiceQuotaExceededException",
          "Max number of versions ("
              + MAX_VERSIONS
              + ") reached for state machine '"
              + current.arn()
              + "'; delete versions to publish new ones");
    }
    int number = lastNumber.merge(current.arn(), 1, Integer::sum);
    StateMachineVersion version =
        new StateMachineVersion(
            current.arn() + ":" + number,
            number,
            current,
            Optional.ofNullable(description),
            clock.now());
    list.add(version);
    return version;
  }

  private static boolean sameContent(StateMachine a, StateMachine b) {
    return a.definition().equals(b.definition())
        && a.roleArn().equals(b.roleArn())
        && a.loggingConfiguration().equals(b.loggingConfiguration())
        && a.tracingConfiguration().equals(b.tracingConfiguration());
  }

  /**
   * A version by its ARN.
   *
   * @throws ServiceException {@code StateMachineDoesNotExist}, as AWS answers for an unknown
   *     version
   */
  public synchronized StateMachineVersion version(String versionArn) {
    Arns.require(versionArn, ArnKind.STATE_MACHINE);
    for (StateMachineVersion v : versions.getOrDefault(unqualified(versionArn), List.of())) {
      if (v.arn().equals(versionArn)) {
        return v;
      }
    }
    throw ServiceException.stateMachineDoesNotExist(versionArn);
  }

  /** ListStateMachineVersions: newest first. */
  public synchronized Page<StateMachineVersion> listVersions(
      String stateMachineArn, Integer maxResults, String nextToken) {
    return Page.of(
        reversed(versions.getOrDefault(stateMachineArn, List.of())),
        StateMachineVersion::number,
        true,
        maxResults,
        nextToken,
        "ListStateMachineVersions " + stateMachineArn);
  }

  private static <T> List<T> reversed(List<T> list) {
    List<T> out = new ArrayList<>(list);
    java.util.Collections.reverse(out);
    return out;
  }

  /**
   * DeleteStateMachineVersion: deleting one that does not exist succeeds.
   *
   * @throws ServiceException {@code ConflictException} while an alias routes to it
   * @throws InvalidRequestException {@code ValidationException} for an ARN that is not a version's
   */
  public synchronized void deleteVersion(String versionArn) {
    new Constraints().length("stateMachineVersionArn", versionArn, 1, 2000).check();
    Arns.require(versionArn, ArnKind.STATE_MACHINE);
    if (!isVersionArn(versionArn)) {
      throw new InvalidRequestException(
          InvalidRequestException.INVALID_ARN,
          "Invalid Arn: 'Invalid version ARN: " + versionArn + "'");
    }
    List<String> referencing = new ArrayList<>();
    for (StateMachineAlias a : aliases.values()) {
      if (a.routing().stream().anyMatch(r -> r.stateMachineVersionArn().equals(versionArn))) {
        referencing.add(a.arn());
      }
    }
    if (!referencing.isEmpty()) {
      throw new ServiceException(
          "ConflictException",
          "Version to be deleted must not be referenced by an alias. Current list of aliases"
              + " referencing this version: "
              + referencing);
    }
    List<StateMachineVersion> list = versions.get(unqualified(versionArn));
    if (list != null) {
      list.removeIf(v -> v.arn().equals(versionArn));
    }
  }

  // ---- aliases ----

  /**
   * CreateStateMachineAlias: idempotent for the same description and routing.
   *
   * @throws ServiceException {@code ResourceNotFound} for a version that does not exist, {@code
   *     ConflictException} for an alias of that name with another configuration
   */
  public synchronized StateMachineAlias createAlias(
      String name, String description, List<StateMachineAlias.Route> routing) {
    new Constraints()
        .length("description", description, 0, 256)
        .length("name", name, 1, 80)
        .pattern("name", name, ALIAS_NAME_PATTERN)
        .check();
    String stateMachineArn = checkRouting(routing);
    String arn = stateMachineArn + ":" + name;
    StateMachineAlias existing = aliases.get(arn);
    if (existing != null) {
      if (existing.routing().equals(routing)
          && existing.description().equals(Optional.ofNullable(description))) {
        return existing;
      }
      throw new ServiceException(
          "ConflictException",
          "Failed to create alias because an alias with the same name and a different routing"
              + " configuration already exists.");
    }
    long count =
        aliases.values().stream().filter(a -> a.stateMachineArn().equals(stateMachineArn)).count();
    if (count >= MAX_ALIASES) {
      throw new ServiceException(
          "ServiceQuotaExceededException",
          "Max number of aliases (" + MAX_ALIASES + ") reached for '" + stateMachineArn + "'");
    }
    StateMachineAlias alias =
        new StateMachineAlias(
            arn,
            name,
            stateMachineArn,
            Optional.ofNullable(description),
            routing,
            clock.now(),
            Optional.empty(),
            aliasSequence.incrementAndGet());
    aliases.put(arn, alias);
    return alias;
  }

  /** The routing's checks; returns the state machine all its versions belong to. */
  private String checkRouting(List<StateMachineAlias.Route> routing) {
    if (routing == null) {
      throw new InvalidRequestException(
          InvalidRequestException.VALIDATION_EXCEPTION,
          "1 validation error detected: Value null at 'routingConfiguration' failed to satisfy"
              + " constraint: Member must not be null");
    }
    Constraints c = new Constraints();
    c.members("routingConfiguration", routing.size(), routing.toString(), 1, 2);
    for (int i = 0; i < routing.size(); i++) {
      c.length(
          "routingConfiguration." + (i + 1) + ".member.stateMachineVersionArn",
          routing.get(i).stateMachineVersionArn(),
          1,
          2000);
    }
    c.check();
    String stateMachineArn = null;
    int sum = 0;
    var seen = new HashSet<String>();
    for (StateMachineAlias.Route r : routing) {
      Arns.require(r.stateMachineVersionArn(), ArnKind.STATE_MACHINE);
      if (!isVersionArn(r.stateMachineVersionArn())) {
        throw new InvalidRequestException(
            InvalidRequestException.VALIDATION_EXCEPTION,
            "Routing configuration must contain state machine version ARNs, found '"
                + r.stateMachineVersionArn()
                + "'");
      }
      String sm = unqualified(r.stateMachineVersionArn());
      if (stateMachineArn != null && !stateMachineArn.equals(sm)) {
        throw new InvalidRequestException(
            InvalidRequestException.VALIDATION_EXCEPTION,
            "Routing configuration must contain state machine version ARNs of the same state"
                + " machine");
      }
      stateMachineArn = sm;
      if (!seen.add(r.stateMachineVersionArn())) {
        throw new InvalidRequestException(
            InvalidRequestException.VALIDATION_EXCEPTION,
            "Routing configuration must contain distinct state machine version ARNs");
      }
      sum += r.weight();
    }
    if (sum != 100) {
      throw new InvalidRequestException(
          InvalidRequestException.VALIDATION_EXCEPTION,
          "Sum of routing configuration weights must equal 100, was " + sum);
    }
    for (StateMachineAlias.Route r : routing) {
      String v = r.stateMachineVersionArn();
      boolean exists =
          versions.getOrDefault(unqualified(v), List.of()).stream()
              .anyMatch(x -> x.arn().equals(v));
      if (!exists) {
        throw ServiceException.resourceNotFound(v);
      }
    }
    return stateMachineArn;
  }

  /**
   * DescribeStateMachineAlias.
   *
   * @throws ServiceException {@code ResourceNotFound}
   */
  public synchronized StateMachineAlias alias(String aliasArn) {
    new Constraints().length("stateMachineAliasArn", aliasArn, 1, 256).check();
    Arns.require(aliasArn, ArnKind.STATE_MACHINE);
    StateMachineAlias found = aliases.get(aliasArn);
    if (found == null) {
      throw ServiceException.resourceNotFound(aliasArn);
    }
    return found;
  }

  /**
   * UpdateStateMachineAlias: a new description, routing, or both.
   *
   * @param routing null to keep the current routing
   */
  public synchronized StateMachineAlias updateAlias(
      String aliasArn, String description, List<StateMachineAlias.Route> routing) {
    new Constraints().length("description", description, 0, 256).check();
    if (description == null && routing == null) {
      throw new InvalidRequestException(
          InvalidRequestException.VALIDATION_EXCEPTION,
          "Either the description or the RoutingConfiguration must be specified");
    }
    StateMachineAlias current = alias(aliasArn);
    if (routing != null && !checkRouting(routing).equals(current.stateMachineArn())) {
      throw new InvalidRequestException(
          InvalidRequestException.VALIDATION_EXCEPTION,
          "Routing configuration must contain state machine version ARNs of the alias' state"
              + " machine");
    }
    StateMachineAlias updated =
        new StateMachineAlias(
            current.arn(),
            current.name(),
            current.stateMachineArn(),
            description == null ? current.description() : Optional.of(description),
            routing == null ? current.routing() : routing,
            current.creationDate(),
            Optional.of(clock.now()),
            current.sequence());
    aliases.put(aliasArn, updated);
    return updated;
  }

  /**
   * ListStateMachineAliases, in creation order; for a version ARN, the aliases that route to it.
   */
  public synchronized Page<StateMachineAlias> listAliases(
      String stateMachineArn, Integer maxResults, String nextToken) {
    boolean ofVersion = isVersionArn(stateMachineArn);
    String base = unqualified(stateMachineArn);
    List<StateMachineAlias> matching =
        aliases.values().stream()
            .filter(a -> a.stateMachineArn().equals(base))
            .filter(
                a ->
                    !ofVersion
                        || a.routing().stream()
                            .anyMatch(r -> r.stateMachineVersionArn().equals(stateMachineArn)))
            .toList();
    return Page.of(
        matching,
        StateMachineAlias::sequence,
        false,
        maxResults,
        nextToken,
        "ListStateMachineAliases " + stateMachineArn);
  }

  /**
   * DeleteStateMachineAlias.
   *
   * @throws ServiceException {@code ResourceNotFound}
   */
  public synchronized void deleteAlias(String aliasArn) {
    alias(aliasArn);
    aliases.remove(aliasArn);
  }

  // ---- executions ----

  /**
   * What StartExecution runs for {@code arn}: the state machine itself for an unqualified ARN (as
   * {@code stateMachines} finds it), a version for a version ARN, the version the alias draws for
   * an alias ARN.
   *
   * @throws ServiceException {@code StateMachineDoesNotExist} for a version or alias that does not
   *     exist
   */
  public Target resolve(String arn, Function<String, StateMachine> stateMachines) {
    if (!isQualified(arn)) {
      return new Target(stateMachines.apply(arn), Origin.NONE);
    }
    Arns.require(arn, ArnKind.STATE_MACHINE);
    synchronized (this) {
      if (isVersionArn(arn)) {
        StateMachineVersion v = version(arn);
        return new Target(v.stateMachine(), new Origin(Optional.of(arn), Optional.empty()));
      }
      StateMachineAlias alias = aliases.get(arn);
      if (alias == null) {
        throw ServiceException.stateMachineDoesNotExist(arn);
      }
      String versionArn = alias.route(routing.nextInt(100));
      StateMachineVersion v = version(versionArn);
      return new Target(v.stateMachine(), new Origin(Optional.of(versionArn), Optional.of(arn)));
    }
  }

  /**
   * The state machine whose executions ListExecutions lists for {@code arn}: the state machine
   * itself, or the one of the version or alias.
   *
   * @throws ServiceException {@code StateMachineDoesNotExist} for a version or alias that does not
   *     exist
   */
  public StateMachine resolveForListing(String arn, Function<String, StateMachine> stateMachines) {
    if (!isQualified(arn)) {
      return stateMachines.apply(arn);
    }
    synchronized (this) {
      if (isVersionArn(arn)) {
        return version(arn).stateMachine();
      }
      if (!aliases.containsKey(arn)) {
        throw ServiceException.stateMachineDoesNotExist(arn);
      }
    }
    return stateMachines.apply(unqualified(arn));
  }

  /** Records how an execution was started (nothing for an unqualified start). */
  public void started(String executionArn, Origin origin) {
    if (!origin.equals(Origin.NONE)) {
      origins.putIfAbsent(executionArn, origin);
    }
  }

  /** How an execution was started. */
  public Origin origin(String executionArn) {
    return origins.getOrDefault(executionArn, Origin.NONE);
  }

  /**
   * Whether an execution belongs to the listing of {@code stateMachineArn}: every execution for the
   * unqualified ARN; for a version or alias ARN, those started with it.
   */
  public boolean listedUnder(String executionArn, String stateMachineArn) {
    if (!isQualified(stateMachineArn)) {
      return true;
    }
    Origin o = origin(executionArn);
    return isVersionArn(stateMachineArn)
        ? o.versionArn().filter(stateMachineArn::equals).isPresent()
        : o.aliasArn().filter(stateMachineArn::equals).isPresent();
  }

  /** DeleteStateMachine: its versions and aliases go with it. */
  public synchronized void stateMachineDeleted(String stateMachineArn) {
    versions.remove(stateMachineArn);
    lastNumber.remove(stateMachineArn);
    aliases.values().removeIf(a -> a.stateMachineArn().equals(stateMachineArn));
  }
}
