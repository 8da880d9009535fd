#!/bin/bash
# A persistent server under attack: well-behaved vine clients ping-pong
# through named events, a mutex and a semaphore while hostile clients
# misbehave on the socket and vine processes are kill -9'ed at random
# points. At the end the well-behaved clients must have finished with
# correct results and the same server must still answer.
#   robustness.sh VINE sync_client.exe hostile_client
. "$(dirname "$0")/common.sh"
duration=6

"$VINESERVER" -p || { echo "FAIL: vineserver -p"; exit 1; }
pid_before=$(server_pid)
check "server started" test -n "$pid_before"

# Two well-behaved pairs.
for pair in 1 2; do
    "$VINE" "$CLIENT" pingpong "pair$pair" a $duration >a$pair.out 2>a$pair.err &
    started_pids+=($!)
    a_pids[$pair]=$!
    "$VINE" "$CLIENT" pingpong "pair$pair" b $duration >b$pair.out 2>b$pair.err &
    started_pids+=($!)
    b_pids[$pair]=$!
done

# Hostile socket clients.
for seed in 1 2; do
    "$HOSTILE" chaos $duration $seed >hostile$seed.out 2>&1 &
    hostile_pids[$seed]=$!
    started_pids+=($!)
done

# Victims, killed at random points of their lives.
end=$((SECONDS + duration))
killed=0
while [ $SECONDS -lt $end ]; do
    victims=()
    for i in 1 2 3; do
        "$VINE" "$CLIENT" victim victim.mutex >/dev/null 2>&1 &
        victims+=($!)
        started_pids+=($!)
    done
    sleep "0.$((RANDOM % 4))$((RANDOM % 10))"
    for v in "${victims[@]}"; do
        kill -9 "$v" 2>/dev/null && killed=$((killed + 1))
        wait "$v" 2>/dev/null
    done
done
echo "killed $killed victims"

for seed in 1 2; do
    wait "${hostile_pids[$seed]}"
    status=$?
    check "hostile client $seed ran ($(cat hostile$seed.out))" test $status -eq 0
done
for pair in 1 2; do
    wait "${a_pids[$pair]}"; status_a=$?
    wait "${b_pids[$pair]}"; status_b=$?
    rounds_a=$(tr -d '\r' <a$pair.out | sed -n 's/^rounds: //p')
    rounds_b=$(tr -d '\r' <b$pair.out | sed -n 's/^rounds: //p')
    check "pair $pair: both sides succeeded (status $status_a/$status_b)" test $status_a -eq 0 -a $status_b -eq 0
    check "pair $pair: same round count ($rounds_a/$rounds_b)" test -n "$rounds_a" -a "$rounds_a" = "$rounds_b"
    if [ $status_a -ne 0 ] || [ $status_b -ne 0 ]; then
        for f in a$pair.out a$pair.err b$pair.out b$pair.err; do echo "--- $f"; tail -5 $f; done
    fi
done

pid_after=$(server_pid)
check "the same server still answers (pid $pid_before/$pid_after)" test -n "$pid_after" -a "$pid_before" = "$pid_after"
# And still serves a real client.
"$VINE" "$CLIENT" pingpong final a 0 >final_a.out 2>&1 &
final_a=$!
"$VINE" "$CLIENT" pingpong final b 0 >final_b.out 2>&1
final_b_status=$?
wait $final_a
final_a_status=$?
check "a new pair plays after the attack" test $final_a_status -eq 0 -a $final_b_status -eq 0

# One process hoarding sync objects hits its quota; the others don't starve.
check "a per-process quota on sync objects" "$HOSTILE" hoard

# Lies about Unix pids never make the server signal a process that is not
# its client (TerminateProcess of a child announced with another's pid, a
# child whose init_process names another's pid, then vineserver -k).
sleep 120 &
victim=$!
started_pids+=("$victim")
check "a claimed pid is never signalled (victim $victim)" "$HOSTILE" pid-claim "$victim"
"$VINESERVER" -k >/dev/null 2>&1
sleep 0.2
check "vineserver -k spares a process that only was claimed" kill -0 "$victim"
finish
