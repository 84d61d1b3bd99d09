#!/usr/bin/env bash
# Gateway CPU per proxied call, two gateway settings side by side in one run (PERFORMANCE.md).
#
# Starts one nominals service (Release build, Testing, SQLite in a temporary directory) and two
# gateways in front of it that differ only in environment: A with $GATEWAY_A_ENV, B with
# $GATEWAY_B_ENV (each "NAME=value[ NAME=value...]"). Then, for $ROUNDS rounds, drives $CALLS cheap
# proxied calls (GetNominal with the name "x": INVALID_ARGUMENT before any storage access, so the
# gateway's own work dominates) through A and then B with h2load (4 connections x 8 streams), and
# prints each gateway's CPU (utime + stime of /proc/<pid>/stat) per call. Loopback only; stops
# everything it started on exit. Needs: the Release build, h2load (apt-get install nghttp2-client).
#
#   dotnet build -c Release OffenderRisk.Services.sln
#   GATEWAY_A_ENV=DOTNET_ThreadPool_UnfairSemaphoreSpinLimit=70 \
#     tests/OffenderRisk.LoadBenchmark/scripts/gateway-cpu-side-by-side.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/../../.." && pwd)
rounds=${ROUNDS:-5}
calls=${CALLS:-10000}
work=$(mktemp -d)
pids=()
cleanup() { kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT INT TERM

key=$(head -c 48 /dev/urandom | base64 | tr -d '\n/+=')
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
nominals_port=$(port); a_port=$(port); b_port=$(port); closed_port=$(port)
common=(ASPNETCORE_ENVIRONMENT=Testing "Auth__SigningKey=$key")

(cd "$root/services/Nominals/bin/Release/net10.0" && exec env "${common[@]}" "Storage__DataDirectory=$work" \
    dotnet OffenderRisk.Nominals.dll --urls "http://127.0.0.1:$nominals_port" > "$work/nominals.log" 2>&1) &
pids+=($!)
gateway() { # $1 port, $2 extra environment
    local destinations=("ReverseProxy__Clusters__nominals__Destinations__primary__Address=http://127.0.0.1:$nominals_port")
    for cluster in assessments interventions identity-checks; do
        destinations+=("ReverseProxy__Clusters__${cluster}__Destinations__primary__Address=http://127.0.0.1:$closed_port")
    done
    # shellcheck disable=SC2086 # the extra environment is a list of NAME=value words
    (cd "$root/gateway/OffenderRisk.Gateway/bin/Release/net10.0" && exec env "${common[@]}" "${destinations[@]}" \
        Gateway__HttpListenUrls= \
        Gateway__RateLimits__PerCaller__TokenLimit=1000000 Gateway__RateLimits__PerCaller__TokensPerSecond=1000000 \
        Gateway__RateLimits__PerForce__TokenLimit=1000000 Gateway__RateLimits__PerForce__TokensPerSecond=1000000 \
        $2 dotnet OffenderRisk.Gateway.dll --urls "http://127.0.0.1:$1" > "$work/gateway-$1.log" 2>&1) &
    pids+=($!)
}
gateway "$a_port" "${GATEWAY_A_ENV:-}"
gateway "$b_port" "${GATEWAY_B_ENV:-}"

token=$(cd "$root/deploy/OffenderRisk.DevTokens/bin/Release/net10.0" && env "Auth__SigningKey=$key" \
    dotnet OffenderRisk.DevTokens.dll --user PC-1001 --force XA --role mosovo-officer --role officer)
printf '\x00\x00\x00\x00\x03\x0a\x01\x78' > "$work/bad.bin"
for p in "$nominals_port" "$a_port" "$b_port"; do
    for _ in $(seq 60); do curl -s -o /dev/null "http://127.0.0.1:$p/" --http2-prior-knowledge && break; sleep 1; done
done
pid_on() { ss -Hltnp "sport = :$1" | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2; }
a_pid=$(pid_on "$a_port"); b_pid=$(pid_on "$b_port")
cpu() { awk '{print $14 + $15}' "/proc/$1/stat"; }
ticks=$(getconf CLK_TCK)
load() { # $1 port, $2 calls
    h2load -n "$2" -c 4 -m 8 -H 'content-type: application/grpc' -H 'te: trailers' -H "authorization: Bearer $token" \
        -d "$work/bad.bin" "http://127.0.0.1:$1/offenderrisk.nominals.v1.NominalsService/GetNominal" \
        | awk '/^finished in/ {rate=$4} /^requests:/ {ok=$8} END {printf "%s req/s, %s succeeded", rate, ok}'
}
measure() { # $1 label, $2 port, $3 pid
    local before after result
    before=$(cpu "$3"); result=$(load "$2" "$calls"); after=$(cpu "$3")
    echo "  $1: $(( (after - before) * 1000000 / ticks / calls )) µs CPU per call ($result)"
}
echo "$(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg); A: ${GATEWAY_A_ENV:-as built}; B: ${GATEWAY_B_ENV:-as built}"
load "$a_port" "$calls" > /dev/null; load "$b_port" "$calls" > /dev/null   # warm-up (JIT tiers)
for round in $(seq "$rounds"); do
    echo "round $round"
    measure A "$a_port" "$a_pid"
    measure B "$b_port" "$b_pid"
done
echo "load average at the end $(cut -d' ' -f1-3 /proc/loadavg)"
