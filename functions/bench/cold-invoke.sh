#!/usr/bin/env bash
# Times a cold local invocation of the SQS handler on one FAILED event, from JVM start to the
# decision and the RedriveExecution call against the simulator (over HTTP), median of 5 runs, with
# several JVM option sets, and the median peak RSS of 5 more runs. Prints one line per option set
# with the load average before it ran; results go to functions/BENCHMARKS.md by hand.
# Needs hyperfine and /usr/bin/time.
#
# Usage (from the repository root, after ./mvnw -q -B -DskipTests -pl cli,functions -am package):
#   functions/bench/cold-invoke.sh [OPTION-SET...]      default: every JDK 17 option set below
#   JAVA25=/path/to/jdk-25/bin/java functions/bench/cold-invoke.sh   adds the JDK 25 sets
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
port="${PORT:-8093}"
export ENDPOINT="http://127.0.0.1:$port"
jar="${JAR:-functions/target/redrive-functions.jar}"
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
main=(dev.redrive.functions.local.LocalInvoke "$ENDPOINT" "$policy" "$work/event.json")

# An AppCDS archive of the classes one invocation loads (JDK 17: a dynamic archive written at exit
# by a training run on another execution; JDK 25: an AOT cache, which also holds linked classes).
functions/bench/new-failed-execution.sh >"$work/event.json"
java -XX:ArchiveClassesAtExit="$work/app.jsa" -cp "$jar" "${main[@]}" >/dev/null 2>&1 || true
if [[ -n "${JAVA25:-}" ]]; then
  functions/bench/new-failed-execution.sh >"$work/event.json"
  "$JAVA25" -XX:AOTCacheOutput="$work/app.aot" -cp "$jar" "${main[@]}" >/dev/null 2>&1 || true
fi

c1="-XX:TieredStopAtLevel=1"
declare -A options=(
  [default]="java"
  [tiered-c1]="java -XX:+TieredCompilation $c1"
  [serial-gc-c1]="java -XX:+UseSerialGC $c1"
  [appcds-c1]="java -XX:SharedArchiveFile=$work/app.jsa -XX:+UseSerialGC $c1"
  [appcds-c1-lean]="java -XX:SharedArchiveFile=$work/app.jsa -XX:+UseSerialGC $c1 -XX:-UsePerfData -Xss512k -XX:CICompilerCount=1"
  [jdk25-default]="${JAVA25:-} "
  [jdk25-aot-c1]="${JAVA25:-} -XX:AOTCache=$work/app.aot -XX:+UseSerialGC $c1"
)
sets=("$@")
if [[ ${#sets[@]} -eq 0 ]]; then
  sets=(default tiered-c1 serial-gc-c1 appcds-c1 appcds-c1-lean)
  [[ -n "${JAVA25:-}" ]] && sets+=(jdk25-default jdk25-aot-c1)
fi
echo "$(date -u +%FT%TZ) $(nproc) CPUs, $(java -version 2>&1 | head -1)"
for name in "${sets[@]}"; do
  cmd="${options[$name]} -cp $jar ${main[*]}"
  load="$(cut -d' ' -f1-3 /proc/loadavg)"
  hyperfine -N --runs 5 --warmup 0 --style basic --export-json "$work/$name.json" \
    --prepare "functions/bench/new-failed-execution.sh > $work/event.json" \
    --command-name "$name" "$cmd" >/dev/null
  read -r median cpu < <(python3 -c "import json; r=json.load(open('$work/$name.json'))['results'][0]; print(round(r['median']*1000), round((r['user']+r['system'])*1000))")
  rss=()
  for _ in 1 2 3 4 5; do
    functions/bench/new-failed-execution.sh >"$work/event.json"
    # shellcheck disable=SC2086
    /usr/bin/time -f '%M' -o "$work/rss" $cmd >"$work/out" 2>/dev/null
    grep -q '"action":"REDRIVE"' "$work/out" || { echo "no REDRIVE decision in: $(cat "$work/out")" >&2; exit 1; }
    rss+=("$(cat "$work/rss")")
  done
  rss_median="$(printf '%s\n' "${rss[@]}" | sort -n | sed -n 3p)"
  printf '%-15s median %5d ms   cpu %5d ms   peak RSS median %4d MB   load before %s\n' \
    "$name" "$median" "$cpu" "$((rss_median / 1024))" "$load"
done
