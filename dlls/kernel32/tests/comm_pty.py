#!/usr/bin/env python3
# comm_pty.py VINE comm.exe - makes a pseudo-terminal pair, links the
# prefix's dosdevices/com1 to its slave (no com9), runs the program and
# answers its lines on the master (see comm.c): STATE checks the slave's
# termios with stty, BURST sends "abc", FILL sends "junk", BYE ends.
import os, pty, select, subprocess, sys, time

vine, exe = sys.argv[1], sys.argv[2]
prefix = os.environ.get("VINEPREFIX") or os.path.expanduser("~/.vine")
devices = os.path.join(prefix, "dosdevices")
os.makedirs(devices, exist_ok=True)
master, slave = pty.openpty()
slave_name = os.ttyname(slave)
link = os.path.join(devices, "com1")
for name in ("com1", "com9"):
    try:
        os.unlink(os.path.join(devices, name))
    except FileNotFoundError:
        pass
os.symlink(slave_name, link)
failures = []
try:
    program = subprocess.Popen([vine, exe])
    pending = b""
    deadline = time.time() + 90
    while time.time() < deadline:
        if program.poll() is not None:
            break
        ready, _, _ = select.select([master], [], [], 0.2)
        if not ready:
            continue
        try:
            pending += os.read(master, 256)
        except OSError:
            break
        while b"\n" in pending:
            line, pending = pending.split(b"\n", 1)
            line = line.decode(errors="replace").strip()
            if line == "STATE":
                settings = subprocess.run(["stty", "-F", slave_name, "-a"], capture_output=True, text=True).stdout
                words = settings.replace(";", " ").split()
                want = ["19200", "cs8", "-parenb", "cstopb", "crtscts", "-ixon", "-ixoff", "-icanon",
                        "-echo"]
                missing = [w for w in want if w not in words]
                if missing:
                    failures.append("termios lacks " + " ".join(missing) + ": " + settings)
                os.write(master, b"stty-ok\n" if not missing else b"stty-bad\n")
            elif line == "BURST":
                os.write(master, b"abc")
            elif line == "FILL":
                os.write(master, b"junk")
            elif line == "BYE":
                pass
            else:
                failures.append("unexpected line from the program: %r" % line)
    try:
        status = program.wait(timeout=max(1, deadline - time.time()))
    except subprocess.TimeoutExpired:
        program.kill()
        status = -1
        failures.append("the program did not end")
finally:
    try:
        os.unlink(link)
    except FileNotFoundError:
        pass
for f in failures:
    print("FAIL:", f)
if status != 0:
    print("FAIL: exit status", status)
sys.exit(1 if failures or status != 0 else 0)
