#!/usr/bin/env bash
# tools/capacity-run.sh NAME USERS HOURS COUNT [OUTDIR]: one state-size run of docs/capacity.md.
# Needs a running broker and local cluster (bin/intentflow kafka start; bin/intentflow cluster start)
# and no Intentflow job running. Deploys the job on topics of its own (c-NAME, p-NAME, ...), reading
# from the earliest offsets; generates COUNT records of USERS shoppers (seed 7) whose event time
# starts HOURS before 2026-12-01T12:00:00Z; waits until the sessionizer has read everything; then
# keeps the next completed checkpoint's statistics, takes a savepoint, keeps its statistics and
# size, cancels the job and runs savepoint-inspect. Everything lands in OUTDIR/NAME
# (default target/capacity/NAME); tools/capacity-summary.py turns it into bytes per open session.
set -euo pipefail
NAME=$1 USERS=$2 HOURS=$3 COUNT=$4
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="${5:-$ROOT/target/capacity}/$NAME"; mkdir -p "$OUT"
REST=http://localhost:8081
END=$(date -u -d 2026-12-01T12:00:00Z +%s)
START=$(date -u -d @$((END - HOURS * 3600)) +%Y-%m-%dT%H:%M:%SZ)
T="--topics.clicks c-$NAME --topics.purchases p-$NAME --topics.session-updates su-$NAME --topics.dead-letters dl-$NAME --topics.scores sc-$NAME --topics.model-updates mu-$NAME"
cd "$ROOT"
echo "run $NAME users=$USERS hours=$HOURS count=$COUNT start=$START" | tee "$OUT/run.txt"
bin/intentflow deploy --kafka.starting-offsets earliest $T 2>&1 | tee "$OUT/deploy.txt"
JOB=$(grep -o 'job [0-9a-f]\{32\} RUNNING' "$OUT/deploy.txt" | awk '{print $2}')
curl -s $REST/jobs/$JOB > "$OUT/job.json"
SES=$(jq -r '.vertices[] | select(.name | startswith("Sessionize")) | .id' "$OUT/job.json")
t0=$(date +%s)
bin/intentflow generate --users "$USERS" --count "$COUNT" --rate 400000 --seed 7 --start "$START" \
  --clicks-topic c-$NAME --purchases-topic p-$NAME > "$OUT/generate.txt" 2>&1
t1=$(date +%s); tail -1 "$OUT/generate.txt"; echo "generate took $((t1 - t0)) s" | tee -a "$OUT/run.txt"
# read everything: the sessionizer's records in, the same over 3 polls 5 s apart
prev=-1 same=0
while (( same < 3 )); do
  sleep 5
  n=$(curl -s "$REST/jobs/$JOB/vertices/$SES/subtasks/metrics?get=Sessionize_per_user_(event_time).numRecordsIn&agg=sum" | jq -r '.[0].sum // 0')
  if [[ "$n" == "$prev" && "$n" != "0" ]]; then same=$((same + 1)); else same=0; fi
  prev=$n; echo "  $(( $(date +%s) - t0 )) s: sessionizer records in $n"
done
t2=$(date +%s); echo "read everything $((t2 - t0)) s after the generator started; sessionizer records in $n" | tee -a "$OUT/run.txt"
curl -s "$REST/jobs/$JOB/vertices/$(jq -r '.vertices[] | select(.name | startswith("Score")) | .id' "$OUT/job.json")/subtasks/metrics?get=Score_intent_(DL4J).openSessions&agg=sum" > "$OUT/openSessions.json"
curl -s "$REST/jobs/$JOB/vertices/$SES/watermarks" > "$OUT/sessionizer-watermarks.json"
# the next two completed checkpoints (the first may have started before the end)
c0=$(curl -s $REST/jobs/$JOB/checkpoints | jq -r '.latest.completed.id // 0')
until (( $(curl -s $REST/jobs/$JOB/checkpoints | jq -r '.latest.completed.id // 0') >= c0 + 2 )); do sleep 2; done
curl -s $REST/jobs/$JOB/checkpoints > "$OUT/checkpoints.json"
CID=$(jq -r '.latest.completed.id' "$OUT/checkpoints.json")
curl -s $REST/jobs/$JOB/checkpoints/details/$CID > "$OUT/checkpoint-details.json"
bin/intentflow savepoint 2>&1 | tee "$OUT/savepoint.txt"
SP=$(grep -o 'file:[^ ]*' "$OUT/savepoint.txt" | sed 's/^file://')
# the REST API's checkpoint statistics lag by a few seconds
until curl -s $REST/jobs/$JOB/checkpoints > "$OUT/checkpoints-after-savepoint.json" && [[ "$(jq -r '.latest.savepoint.id' "$OUT/checkpoints-after-savepoint.json")" != null ]]; do sleep 2; done
SPID=$(jq -r '.latest.savepoint.id' "$OUT/checkpoints-after-savepoint.json")
curl -s $REST/jobs/$JOB/checkpoints/details/$SPID > "$OUT/savepoint-details.json"
du -sb "$SP" | tee "$OUT/du.txt"
bin/intentflow stop 2>&1 | tail -2
bin/intentflow savepoint-inspect "$SP" --json > "$OUT/inspect.json" 2> "$OUT/inspect.err" || cat "$OUT/inspect.err"
cat "$OUT/inspect.json"
echo "$SP" > "$OUT/savepoint-path.txt"
