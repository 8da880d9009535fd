#!/bin/bash
# Driver for stdio_redirect.exe: usage stdio_redirect.sh VINE PROG.exe
# Checks byte-exact contents of stdout/stderr redirected to files and pipes.
set -u
vine=$1
exe=$2
fail=0

expected_out=$'out line 1\r\nout line 2\r\nraw out\nwrite out\r\nbinary out\nlast\r\n'
expected_err=$'err line 1\r\nerr line 2\r\nraw err\n'

check() { # name got expected (for exit statuses)
    if [ "$2" == "$3" ]; then
        echo "ok: $1"
    else
        echo "FAIL: $1: got $2, expected $3"
        fail=1
    fi
}

check_file() { # name file expected-bytes
    printf '%s' "$3" >expected.tmp
    if cmp -s "$2" expected.tmp; then
        echo "ok: $1"
    else
        echo "FAIL: $1"
        echo "  got:      $(od -An -c "$2" | tr -s ' ' | tr '\n' ' ')"
        echo "  expected: $(od -An -c expected.tmp | tr -s ' ' | tr '\n' ' ')"
        fail=1
    fi
}

# 1. both redirected to files
$vine "$exe" last >out.txt 2>err.txt </dev/null
check "exit status with files" "$?" 0
check_file "stdout to file" out.txt "$expected_out"
check_file "stderr to file" err.txt "$expected_err"

# 2. stdout through a pipe, stderr to a file
$vine "$exe" last 2>err2.txt </dev/null | cat >out2.txt
check "exit status with pipe" "${PIPESTATUS[0]}" 0
check_file "stdout to pipe" out2.txt "$expected_out"
check_file "stderr to file (pipe run)" err2.txt "$expected_err"

# 3. stderr through a pipe, stdout to /dev/null
$vine "$exe" last 2>&1 >/dev/null </dev/null | cat >err3.txt
check_file "stderr to pipe" err3.txt "$expected_err"

# 4. both to the same file (2>&1): order is preserved because every line is
#    flushed before the next write to the other stream.
$vine "$exe" last >both.txt 2>&1 </dev/null
check_file "stdout+stderr to one file" both.txt \
    $'out line 1\r\nerr line 1\r\nout line 2\r\nerr line 2\r\nraw out\nraw err\nwrite out\r\nbinary out\nlast\r\n'

# 5. appending redirection
printf 'previous\n' >app.txt
$vine "$exe" last >>app.txt 2>/dev/null </dev/null
check_file "stdout appended to file" app.txt "previous"$'\n'"$expected_out"

[ $fail -eq 0 ] && echo "driver: all passed"
exit $fail
