#!/bin/bash
# `vine cmd /c ...` from the shell: each case gives the command line, the
# exit status and the exact output (stdout, then stderr after "--stderr--"
# when there is any) that Windows' cmd.exe gives.
# usage: cmd_test.sh VINE
set -u
vine=$1
export VINEPREFIX=${VINEPREFIX:-$(cd "$(dirname "$vine")/.." && pwd)/test-prefix}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1
passed=0 failed=0

# check EXPECTED_STATUS EXPECTED_OUTPUT ARGUMENTS...
check() {
    local want_status=$1 want=$2
    shift 2
    local out err status
    out=$(timeout 60 "$vine" cmd "$@" 2>"$work/.stderr"; printf 'x%d' $?)
    status=${out##*x}
    out=${out%x*}
    err=$(cat "$work/.stderr")
    err=${err%$'\r'}
    [ -n "$err" ] && out="$out--stderr--$err"
    if [ "$out" == "$want" ] && [ "$status" == "$want_status" ]; then
        passed=$((passed + 1))
        echo "ok: cmd $*"
    else
        failed=$((failed + 1))
        echo "FAIL: cmd $*"
        echo "  status $status, expected $want_status"
        echo "  got:      $(printf '%s' "$out" | od -An -c | head -5)"
        echo "  expected: $(printf '%s' "$want" | od -An -c | head -5)"
    fi
}

nl=$'\r\n'
check 0 "hello$nl" /c echo hello
check 0 "$nl" /c echo.
check 0 "a  b $nl" /c "echo a  b "
check 0 "ECHO is off.$nl" /c "echo off& echo"
check 0 "& | < >$nl" /c "echo ^& ^| ^< ^>"
check 0 "VINEA=1$nl" /c "set VINEA=1& set VINEA"
check 1 "--stderr--Environment variable VINE_NOT_SET not defined" /c "set VINE_NOT_SET"
check 0 "20" /c "set /a (2+3)*4"
check 0 "7VINEX=7$nl" /c "set /a VINEX=3+4 & set VINEX"
check 0 "-2" /c "set /a 7/-3"
check 0 "yes$nl" /c "if 1==1 echo yes"
check 0 "" /c "if 1==2 echo yes & echo also skipped"
check 0 "no$nl" /c "if not 1==2 echo no"
check 0 "ci$nl" /c "if /i ABC==abc echo ci"
check 0 "gt$nl" /c "if 10 GTR 9 echo gt"
check 0 "else$nl" /c "if a==b (echo then) else (echo else)"
check 0 "def$nl" /c "if defined PATH echo def"
# ECHO leaves the errorlevel alone: it is the exit status.
check 2 "two$nl" /c "cmd /c exit 2 & if errorlevel 2 echo two"
check 4 "" /c "exit /b 4"
check 1 "b$nl" /c "cmd /c exit 1 && echo a || echo b"
check 0 "a $nl" /c "cmd /c exit 0 && echo a || echo b"
# The whole line is expanded before it runs.
check 3 "0$nl" /c "cmd /c exit 3 & echo %errorlevel%"
check 0 "%VINE_UNDEFINED%$nl" /c "echo %VINE_UNDEFINED%"
check 0 "C:\\windows$nl" /c "cd /d C:\\windows & cd"
check 0 "text $nl" /c "echo text> out.txt & type out.txt"
# The blank before "&" is part of the echoed text, as on Windows.
check 0 "one ${nl}two $nl" /c "echo one> two.txt & echo two>> two.txt & type two.txt"
check 1 "The system cannot find the file specified.$nl" /c "type missing.txt 2>&1"
# The prompt is what follows "=": here the blank before "&".
check 0 " VINEX=from file $nl" /c "echo from file> in.txt & set /p VINEX=< in.txt & set VINEX"
check 0 "inner $nl" /c "echo echo inner | cmd"
check 0 "        1 file(s) copied.${nl}x ${nl}deleted ${nl}gone$nl" /c \
    "mkdir a\\b & echo x> a\\b\\f.txt & copy a\\b\\f.txt a\\g.txt & type a\\g.txt & del a\\b\\f.txt & if not exist a\\b\\f.txt echo deleted & rmdir /s /q a & if not exist a echo gone"
check 0 "[a]${nl}[b]$nl" /c "for %i in (a b) do echo [%i]"
check 0 "1${nl}3${nl}5$nl" /c "for /l %n in (1,2,5) do echo %n"
check 0 "f1.txt${nl}f2.txt$nl" /c "echo.> f1.txt& echo.> f2.txt& for %f in (f*.txt) do echo %f"
check 0 "        1 file(s) moved.${nl}renamed$nl" /c \
    "echo.> m1.txt& mkdir md& move m1.txt md& ren md\\m1.txt m2.txt& if exist md\\m2.txt echo renamed"
check 1 "--stderr--The system cannot find the file specified." /c "ren no-such-file.txt x.txt"
check 5 "" /c "start /wait cmd /c exit 5"
# START: a title, /wait, a batch file started in cmd.
printf '%s\r\n' '@echo off' 'start "a title" /wait cmd /c exit 5' 'echo %errorlevel%' \
    'start /wait cmd /c "echo child"' 'echo @echo in started.bat> started.bat' 'start /wait started.bat' > starting.bat
check 0 "5${nl}child${nl}in started.bat$nl" /c starting.bat
check 1 "--stderr--A subdirectory or file d already exists." /c "mkdir d & mkdir d"
# 9009, of which Unix sees the low 8 bits.
check 49 "--stderr--'vine-no-such-program' is not recognized as an internal or external command,${nl}operable program or batch file." \
    /c vine-no-such-program

# A batch file: arguments, SHIFT, GOTO, CALL :label, SETLOCAL/ENDLOCAL, %~dp0.
printf '%s\r\n' '@echo off' 'set OUTER=kept' 'setlocal' 'set OUTER=changed' 'set INNER=1' 'endlocal' \
    'echo %OUTER% [%INNER%]' 'echo %1' 'shift' 'echo %1 %~x0' 'goto skip' 'echo not shown' ':skip' \
    'call :twice 21' 'echo result=%RESULT%' 'cd /d %~dp0' 'if exist test.bat echo here' 'exit /b 6' \
    ':twice' 'set /a RESULT=%1*2 >nul' 'goto :eof' > test.bat
check 6 "kept []${nl}first${nl}second .bat${nl}result=42${nl}here$nl" /c test.bat first second
# vine runs a batch file given to it in cmd, as Windows does.
out=$(timeout 60 "$vine" ./test.bat first second | tr -d '\r')
if [ "$out" == "$(printf 'kept []\nfirst\nsecond .bat\nresult=42\nhere')" ]; then
    passed=$((passed + 1)); echo "ok: vine test.bat"
else
    failed=$((failed + 1)); echo "FAIL: vine test.bat: \"$out\""
fi
# Delayed expansion: !VAR! when the command runs, %VAR% when the line is read.
printf '%s\r\n' '@echo off' 'set N=0' 'setlocal enabledelayedexpansion' \
    'for /l %%i in (1,1,3) do (set /a N+=%%i >nul& echo %N% !N!)' 'endlocal' 'echo !N!' > delayed.bat
check 0 "0 1${nl}0 3${nl}0 6${nl}!N!$nl" /c delayed.bat
# FOR /F: strings, command output and files split into tokens.
printf '%s\r\n' '@echo off' 'for /f "tokens=1,2* delims=," %%a in ("x,y,z,w") do echo [%%a] [%%b] [%%c]' \
    "for /f %%l in ('echo first line') do echo got %%l" 'echo alpha beta> data.txt' 'echo ;comment>> data.txt' \
    'echo gamma delta>> data.txt' 'for /f "tokens=2" %%w in (data.txt) do echo %%w' \
    'for /f "skip=1 tokens=*" %%x in (data.txt) do echo {%%x}' > forf.bat
check 0 "[x] [y] [z,w]${nl}got first${nl}beta${nl}delta${nl}{gamma delta}$nl" /c forf.bat
# Echo on: each command is shown after the prompt.
printf '%s\r\n' 'echo shown' > shown.bat
check 0 "${nl}$(pwd | sed 's|/|\\|g; s|^|Z:|')>echo shown${nl}shown$nl" /c shown.bat
# "echo.bat" is ECHO with ".bat", as on Windows.
check 0 "bat$nl" /c echo.bat

# FOR /D (directories) and FOR /R (the tree, depth first, names sorted).
winpwd=$(pwd | sed 's|/|\\|g; s|^|Z:|')
mkdir -p tree/b/deep tree/a && printf abc > tree/top.txt && printf 1 > tree/a/one.txt && printf 2 > tree/b/deep/two.txt
printf x > tree/b/other.dat
printf '%s\r\n' '@echo off' 'for /d %%d in (tree\*) do echo d:%%d' 'for /r tree %%f in (*.txt) do echo r:%%f' \
    'for /r "tree\b" %%f in (.) do echo dot:%%f' 'cd tree' 'for /r %%f in (x.y) do echo xy:%%f' > fordr.bat
check 0 "d:tree\\a${nl}d:tree\\b${nl}r:$winpwd\\tree\\top.txt${nl}r:$winpwd\\tree\\a\\one.txt${nl}r:$winpwd\\tree\\b\\deep\\two.txt${nl}dot:$winpwd\\tree\\b\\.${nl}dot:$winpwd\\tree\\b\\deep\\.${nl}xy:$winpwd\\tree\\x.y${nl}xy:$winpwd\\tree\\a\\x.y${nl}xy:$winpwd\\tree\\b\\x.y${nl}xy:$winpwd\\tree\\b\\deep\\x.y$nl" /c fordr.bat
# DIR: bare forms exactly, the full layout by its shape.
check 0 "a${nl}b${nl}top.txt$nl" /c "dir /b tree"
check 0 "top.txt$nl" /c "dir /b /a-d tree"
check 0 "a${nl}b$nl" /c "dir /b /ad tree"
check 0 "$winpwd\\tree\\b\\deep\\two.txt$nl" /c "dir /s /b tree\\two.txt"
check 1 "--stderr--File Not Found" /c "dir /b tree\\none.txt"
out=$(timeout 60 "$vine" cmd /c "dir tree" | tr -d '\r')
shape=$(printf '%s\n' "$out" | sed -E 's/^[0-9]{2}\/[0-9]{2}\/[0-9]{4}  [0-9]{2}:[0-9]{2} [AP]M /DATE /; s/Serial Number is [0-9A-F]{4}-[0-9A-F]{4}/Serial Number is S/; s/Dir\(s\) +[0-9,]+ bytes free/Dir(s) FREE bytes free/')
want=$(printf '%s\n' " Volume in drive Z has no label." " Volume Serial Number is S" "" " Directory of $winpwd\\tree" "" \
    "DATE    <DIR>          ." "DATE    <DIR>          .." "DATE    <DIR>          a" "DATE    <DIR>          b" \
    "DATE                 3 top.txt" "               1 File(s)              3 bytes" "               4 Dir(s) FREE bytes free")
if [ "$shape" == "$want" ]; then
    passed=$((passed + 1)); echo "ok: dir tree (Windows' layout)"
else
    failed=$((failed + 1)); echo "FAIL: dir tree:"; printf '%s\n' "$out"; echo "--- shape:"; printf '%s\n' "$shape"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
