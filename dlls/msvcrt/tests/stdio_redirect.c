/* Writes known text to stdout and stderr; stdio_redirect.sh runs it with
 * the streams redirected to files and to pipes and checks the bytes.
 * msvcrt opens stdout/stderr in text mode, so "\n" is written as "\r\n";
 * after _setmode(_O_BINARY) it is written unchanged. Both streams are
 * flushed after each write so that the interleaving is defined whatever
 * buffering msvcrt picks for redirected streams. */
#include <stdio.h>
#include <io.h>
#include <fcntl.h>
#include <windows.h>

int main(int argc, char **argv)
{
    DWORD written;

    printf("out line 1\n");
    fflush(stdout);
    fprintf(stderr, "err line 1\n");
    fflush(stderr);
    fflush(stdout);
    puts("out line 2");
    fflush(stdout);
    fputs("err line 2\n", stderr);
    fflush(stderr);
    /* Direct handle writes are not translated. */
    WriteFile(GetStdHandle(STD_OUTPUT_HANDLE), "raw out\n", 8, &written, NULL);
    WriteFile(GetStdHandle(STD_ERROR_HANDLE), "raw err\n", 8, &written, NULL);
    _write(1, "write out\n", 10);
    fflush(stdout);
    _setmode(_fileno(stdout), _O_BINARY);
    printf("binary out\n");
    fflush(stdout);
    _setmode(_fileno(stdout), _O_TEXT);
    printf("%s", argc > 1 ? argv[1] : "no-arg");
    printf("\n");
    return 0;
}
