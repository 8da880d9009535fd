#!/bin/bash
# comm_pty.sh VINE comm.exe - the serial-port test on a pseudo-terminal pair
# (comm_pty.py holds the master and answers the program).
exec python3 "$(dirname "${BASH_SOURCE[0]}")/comm_pty.py" "$@"
