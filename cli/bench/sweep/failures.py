#!/usr/bin/env python3
"""Sweep benchmark helper (cli/BENCHMARKS-SWEEP.md), against `redrive serve` at ENDPOINT.

  failures.py ENDPOINT start N [NAME]  creates the state machine NAME (default sweep-bench) and N executions that
                                   fail at once; waits until all N are FAILED
  failures.py ENDPOINT check N [NAME]  counts the executions by (status, redriveCount); exits 1 unless
                                   every one of the N was redriven exactly once
"""
import collections
import sys
import time

import boto3
from botocore.config import Config

endpoint, command, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
MACHINE = sys.argv[4] if len(sys.argv) > 4 else "sweep-bench"
sfn = boto3.client(
    "stepfunctions",
    endpoint_url=endpoint,
    region_name="us-east-1",
    aws_access_key_id="local",
    aws_secret_access_key="local",
    config=Config(retries={"max_attempts": 10, "mode": "standard"}),
)


def executions():
    arn = machine_arn()
    for status in ("FAILED", "RUNNING", "SUCCEEDED", "TIMED_OUT", "ABORTED"):
        for page in sfn.get_paginator("list_executions").paginate(
            stateMachineArn=arn, statusFilter=status
        ):
            yield from page["executions"]


def machine_arn():
    for page in sfn.get_paginator("list_state_machines").paginate():
        for m in page["stateMachines"]:
            if m["name"] == MACHINE:
                return m["stateMachineArn"]
    return None


if command == "start":
    with open(__file__.replace("failures.py", "fail.asl.json")) as f:
        definition = f.read()
    arn = machine_arn() or sfn.create_state_machine(
        name=MACHINE, definition=definition,
        roleArn="arn:aws:iam::123456789012:role/" + MACHINE)["stateMachineArn"]
    for i in range(n):
        sfn.start_execution(stateMachineArn=arn, name=f"e{i:05d}", input="{}")
    deadline = time.time() + 600
    while time.time() < deadline:
        failed = sum(1 for e in executions() if e["status"] == "FAILED")
        if failed >= n:
            print(f"{failed} executions FAILED")
            sys.exit(0)
        time.sleep(1)
    sys.exit(f"only {failed} of {n} executions FAILED after 600 s")

if command == "check":
    counts = collections.Counter()
    for e in executions():
        d = sfn.describe_execution(executionArn=e["executionArn"])
        counts[(d["status"], d.get("redriveCount", 0))] += 1
    print(dict(counts))
    once = sum(v for (status, count), v in counts.items() if count == 1)
    more = sum(v for (status, count), v in counts.items() if count > 1)
    print(f"redriven once: {once}, more than once: {more}, of {sum(counts.values())}")
    sys.exit(0 if once == n and more == 0 else 1)
