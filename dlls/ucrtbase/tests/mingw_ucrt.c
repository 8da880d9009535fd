/* A mingw-w64 program linked against the Universal CRT (libucrt.a, which
 * imports api-ms-win-crt-*.dll) instead of msvcrt.dll: mingw's own start-up
 * code on ucrtbase, and the UCRT's formatting (two-digit exponents). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>
#include "vinetest.h"

static int exit_ran;
static void at_exit(void) { exit_ran = 1; }

int main(int argc, char **argv)
{
    char text[64];
    FILE *f;
    char *copy;

    ok(argc == 2 && strcmp(argv[1], "arg one") == 0, "argv through mingw's start-up (%d)", argc);
    snprintf(text, sizeof text, "%e", 1.5);
    ok_str(text, "1.500000e+00");
    snprintf(text, sizeof text, "%g %g", 1e-5, 1e100);
    ok_str(text, "1e-05 1e+100");
    snprintf(text, sizeof text, "%.1f %.1f", 0.25, 0.35);
    ok_str(text, "0.2 0.3");
    snprintf(text, sizeof text, "%f", INFINITY);
    ok_str(text, "inf");
    ok(snprintf(NULL, 0, "%s", "abcdef") == 6, "C99 snprintf length");
    copy = strdup("heap");
    ok(copy && strcmp(copy, "heap") == 0, "strdup");
    free(copy);
    f = fopen("mingw_ucrt.tmp", "w+");
    ok(f != NULL, "fopen");
    if (f) {
        fprintf(f, "%d-%s", 5, "x");
        rewind(f);
        ok(fgets(text, sizeof text, f) && strcmp(text, "5-x") == 0, "fprintf, rewind, fgets");
        fclose(f);
    }
    remove("mingw_ucrt.tmp");
    ok(atexit(at_exit) == 0, "atexit");
    ok(fabs(sqrt(2.0) - 1.41421356) < 1e-6, "sqrt");
    return vt_summary();
}
