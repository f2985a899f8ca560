#!/usr/bin/env bash
# Times a cold local invocation of the SQS handler on one FAILED event, from JVM start to the
# decision and the RedriveExecution call against the simulator (over HTTP), median of 5 runs, with
# several JVM option sets. Needs hyperfine and /usr/bin/time. Results go to functions/BENCHMARKS.md
# by hand. Usage: functions/bench/cold-invoke.sh   (from the repository root, after
# ./mvnw -q -B -DskipTests -pl cli,functions -am package)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
port=8093
export ENDPOINT="http://127.0.0.1:$port"
jar=functions/target/redrive-functions.jar
policy=functions/bench/bench-policy.yaml
work="$(mktemp -d)"
java -cp cli/target/redrive.jar dev.redrive.simulator.api.SimulatorServer --port "$port" \
  >"$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 100); do curl -s "$ENDPOINT/" >/dev/null 2>&1 && break; sleep 0.1; done
curl -sS -X POST "$ENDPOINT/" -H 'X-Amz-Target: AWSStepFunctions.CreateStateMachine' \
  -H 'Content-Type: application/x-amz-json-1.0' \
  -d '{"name":"bench-failing","roleArn":"arn:aws:iam::111111111111:role/bench","definition":"{\"StartAt\":\"Charge\",\"States\":{\"Charge\":{\"Type\":\"Fail\",\"Error\":\"States.TaskFailed\",\"Cause\":\"bench\"}}}"}' \
  >/dev/null

# An AppCDS archive of the classes one invocation loads.
functions/bench/new-failed-execution.sh >"$work/event.json"
java -XX:ArchiveClassesAtExit="$work/app.jsa" -cp "$jar" dev.redrive.functions.local.LocalInvoke \
  "$ENDPOINT" "$policy" "$work/event.json" >/dev/null 2>&1 || true

declare -A options=(
  [default]=""
  [tiered-c1]="-XX:+TieredCompilation -XX:TieredStopAtLevel=1"
  [serial-gc-c1]="-XX:+UseSerialGC -XX:TieredStopAtLevel=1"
  [appcds-c1]="-XX:SharedArchiveFile=$work/app.jsa -XX:+UseSerialGC -XX:TieredStopAtLevel=1"
)
for name in default tiered-c1 serial-gc-c1 appcds-c1; do
  cmd="java ${options[$name]} -cp $jar dev.redrive.functions.local.LocalInvoke $ENDPOINT $policy $work/event.json"
  hyperfine --runs 5 --warmup 0 --style basic --export-json "$work/$name.json" \
    --prepare "functions/bench/new-failed-execution.sh > $work/event.json" \
    --command-name "$name" "$cmd >/dev/null" >/dev/null
  median="$(python3 -c "import json; r=json.load(open('$work/$name.json'))['results'][0]; print(round(r['median']*1000))")"
  rss=()
  for _ in 1 2 3 4 5; do
    functions/bench/new-failed-execution.sh >"$work/event.json"
    /usr/bin/time -f '%M' -o "$work/rss" $cmd >"$work/out" 2>/dev/null
    grep -q '"action":"REDRIVE"' "$work/out" || { echo "no REDRIVE decision in: $(cat "$work/out")" >&2; exit 1; }
    rss+=("$(cat "$work/rss")")
  done
  rss_median="$(printf '%s\n' "${rss[@]}" | sort -n | sed -n 3p)"
  printf '%-14s median %5d ms   peak RSS median %4d MB\n' "$name" "$median" "$((rss_median / 1024))"
done
