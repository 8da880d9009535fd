#!/usr/bin/env python3
# parallel_port.py VINE parallel.exe - the parallel-port test on stand-ins for
# the device, in a prefix of its own: dosdevices/lpt1 is a pseudo-terminal
# slave whose master this script holds (it answers "PRINT <text>" lines
# with "ack <text>"), lpt2 a regular file the program's writes must reach,
# and there is no lpt3.
import os, pty, select, shutil, subprocess, sys, tempfile, time, tty

vine, exe = sys.argv[1], sys.argv[2]
work = tempfile.mkdtemp(prefix="vine-lpt-")
prefix = os.path.join(work, "prefix")
devices = os.path.join(prefix, "dosdevices")
os.makedirs(devices)
master, slave = pty.openpty()
tty.setraw(slave)  # no echo, no line editing: bytes pass as a printer's would
printer_file = os.path.join(work, "printer.out")
open(printer_file, "wb").close()
os.symlink(os.ttyname(slave), os.path.join(devices, "lpt1"))
os.symlink(printer_file, os.path.join(devices, "lpt2"))
env = dict(os.environ, VINEPREFIX=prefix)
failures = []
status = -1
try:
    program = subprocess.Popen([vine, exe], env=env)
    pending = b""
    deadline = time.time() + 60
    while time.time() < deadline and program.poll() is None:
        ready, _, _ = select.select([master], [], [], 0.2)
        if not ready:
            continue
        try:
            pending += os.read(master, 256)
        except OSError:
            break
        while b"\n" in pending:
            line, pending = pending.split(b"\n", 1)
            if line.startswith(b"PRINT "):
                os.write(master, b"ack " + line[6:] + b"\n")
            else:
                failures.append("unexpected line from the program: %r" % line)
    try:
        status = program.wait(timeout=max(1, deadline - time.time()))
    except subprocess.TimeoutExpired:
        program.kill()
        failures.append("the program did not end")
    with open(printer_file, "rb") as f:
        printed = f.read()
    if printed != b"page one\r\npage two\r\n":
        failures.append("lpt2 holds %r" % printed)
finally:
    shutil.rmtree(work, ignore_errors=True)
for f in failures:
    print("FAIL:", f)
if status != 0:
    print("FAIL: exit status", status)
sys.exit(1 if failures or status != 0 else 0)
