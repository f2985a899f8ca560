#!/usr/bin/env bash
# Starts one execution that fails on the simulator at $ENDPOINT, waits until it is FAILED, and
# prints its "Step Functions Execution Status Change" event (the captured FAILED event of seed 001
# with this execution's ARNs), for cold-invoke.sh.
set -euo pipefail
endpoint="${ENDPOINT:-http://127.0.0.1:8093}"
root="$(cd "$(dirname "$0")/../.." && pwd)"
call() {
  curl -sS -X POST "$endpoint/" -H "X-Amz-Target: AWSStepFunctions.$1" \
    -H 'Content-Type: application/x-amz-json-1.0' -d "$2"
}
machine="arn:aws:states:us-east-1:111111111111:stateMachine:bench-failing"
arn="$(call StartExecution "{\"stateMachineArn\":\"$machine\",\"input\":\"{}\"}" |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["executionArn"])')"
for _ in $(seq 1 100); do
  status="$(call DescribeExecution "{\"executionArn\":\"$arn\"}" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["status"])')"
  [[ "$status" == FAILED ]] && break
  sleep 0.05
done
python3 - "$root/events-samples/events/captured/failed-count0.json" "$arn" "$machine" <<'PY'
import json, sys, time
event = json.load(open(sys.argv[1]))
arn, machine = sys.argv[2], sys.argv[3]
event["resources"] = [arn]
d = event["detail"]
d.update(executionArn=arn, stateMachineArn=machine, name=arn.rsplit(":", 1)[1],
         error="States.TaskFailed", cause="bench", input="{}",
         startDate=int(time.time() * 1000) - 1000, stopDate=int(time.time() * 1000))
print(json.dumps(event))
PY
