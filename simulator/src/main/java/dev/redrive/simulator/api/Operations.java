package dev.redrive.simulator.api;

import dev.redrive.simulator.service.StepFunctionsService;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** The operations the endpoint serves, by the name after {@code AWSStepFunctions.}. */
final class Operations {
  /** The prefix of every {@code X-Amz-Target} of the service. */
  static final String TARGET_PREFIX = "AWSStepFunctions.";

  private final Map<String, Operation> byName = new TreeMap<>();

  Operations(StepFunctionsService s) {
    byName.put("CreateStateMachine", new CreateStateMachine(s));
    byName.put("DescribeStateMachine", new DescribeStateMachine(s));
    byName.put("ListStateMachines", new ListStateMachines(s));
    byName.put("UpdateStateMachine", new UpdateStateMachine(s));
    byName.put("DeleteStateMachine", new DeleteStateMachine(s));
    byName.put("ValidateStateMachineDefinition", new ValidateStateMachineDefinition());
    byName.put("StartExecution", new StartExecution(s));
    byName.put("StartSyncExecution", new StartSyncExecution(s));
    byName.put("TestState", new TestState(s));
    byName.put("DescribeExecution", new DescribeExecution(s));
    byName.put("ListExecutions", new ListExecutions(s));
    byName.put("StopExecution", new StopExecution(s));
    byName.put("GetExecutionHistory", new GetExecutionHistory(s));
    byName.put("RedriveExecution", new RedriveExecution(s));
    byName.put("DescribeStateMachineForExecution", new DescribeStateMachineForExecution(s));
    byName.put("SendTaskSuccess", new SendTaskSuccess(s));
    byName.put("SendTaskFailure", new SendTaskFailure(s));
    byName.put("SendTaskHeartbeat", new SendTaskHeartbeat(s));
    byName.put("CreateActivity", new CreateActivity(s));
    byName.put("DescribeActivity", new DescribeActivity(s));
    byName.put("ListActivities", new ListActivities(s));
    byName.put("DeleteActivity", new DeleteActivity(s));
    byName.put("GetActivityTask", new GetActivityTask(s));
    byName.put("ListMapRuns", new ListMapRuns(s));
    byName.put("DescribeMapRun", new DescribeMapRun(s));
    byName.put("UpdateMapRun", new UpdateMapRun(s));
    byName.put("PublishStateMachineVersion", new PublishStateMachineVersion(s));
    byName.put("ListStateMachineVersions", new ListStateMachineVersions(s));
    byName.put("DeleteStateMachineVersion", new DeleteStateMachineVersion(s));
    byName.put("CreateStateMachineAlias", new CreateStateMachineAlias(s));
    byName.put("DescribeStateMachineAlias", new DescribeStateMachineAlias(s));
    byName.put("UpdateStateMachineAlias", new UpdateStateMachineAlias(s));
    byName.put("ListStateMachineAliases", new ListStateMachineAliases(s));
    byName.put("DeleteStateMachineAlias", new DeleteStateMachineAlias(s));
    byName.put("TagResource", new TagResource(s));
    byName.put("UntagResource", new UntagResource(s));
    byName.put("ListTagsForResource", new ListTagsForResource(s));
  }

  /** The names of the operations served. */
  Set<String> names() {
    return byName.keySet();
  }

  /** The operation an {@code X-Amz-Target} header names. */
  Optional<Operation> forTarget(String target) {
    if (target == null || !target.startsWith(TARGET_PREFIX)) {
      return Optional.empty();
    }
    return Optional.ofNullable(byName.get(target.substring(TARGET_PREFIX.length())));
  }
}
