package dev.redrive.simulator.service;

/** Builds the ARNs of one region and account. */
record Arns(String region, String account) {
  private String prefix() {
    return "arn:aws:states:" + region + ":" + account + ":";
  }

  String stateMachine(String name) {
    return prefix() + "stateMachine:" + name;
  }

  String execution(String stateMachineName, String name) {
    return prefix() + "execution:" + stateMachineName + ":" + name;
  }

  String expressExecution(String stateMachineName, String name, String id) {
    return prefix() + "express:" + stateMachineName + ":" + name + ":" + id;
  }

  String activity(String name) {
    return prefix() + "activity:" + name;
  }
}
