#!/bin/bash
# parallel_port.sh VINE parallel.exe - the parallel-port test on stand-ins
# for the device (parallel_port.py makes them and checks what reaches them).
exec python3 "$(dirname "${BASH_SOURCE[0]}")/parallel_port.py" "$@"
