/* stdin redirected from stdin_input.txt, whose bytes are
 * "first line\nsecond line\r\nthird line without newline".
 * stdin is in text mode: "\r\n" reads as "\n".
 * argv[1] is "file" (stdin redirected from the file; the default) or "pipe"
 * (stdin_pipe.sh feeds the same bytes through a pipe). */
#include <stdio.h>
#include <string.h>
#include <io.h>
#include <windows.h>
#include "vinetest.h"

int main(int argc, char **argv)
{
    char buf[128];
    DWORD type;

    int pipe = argc > 1 && !strcmp(argv[1], "pipe");

    type = GetFileType(GetStdHandle(STD_INPUT_HANDLE));
    if (pipe)
        ok(type == FILE_TYPE_PIPE, "stdin is a pipe (type %lu)", type);
    else
        ok(type == FILE_TYPE_DISK, "stdin is a disk file (type %lu)", type);
    ok(!_isatty(0), "stdin is not a tty");

    ok(fgets(buf, sizeof(buf), stdin) && strcmp(buf, "first line\n") == 0, "line 1: \"%s\"", buf);
    ok(fgets(buf, sizeof(buf), stdin) && strcmp(buf, "second line\n") == 0, "line 2 (CRLF -> LF)");
    ok(fgets(buf, sizeof(buf), stdin) && strcmp(buf, "third line without newline") == 0,
       "line 3 without newline");
    ok(fgets(buf, sizeof(buf), stdin) == NULL && feof(stdin), "then EOF");
    ok(getchar() == EOF, "getchar at EOF");
    return vt_summary();
}
