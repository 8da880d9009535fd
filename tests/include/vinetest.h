/*
 * vinetest.h - minimal check harness for Vine's Windows-side test programs.
 *
 * Each check prints one line ("ok: ..." or "FAIL file:line: ...") and the
 * program ends with vt_summary(), which prints "N passed, N failed" and
 * returns the number of failures (capped at 125) for use as the exit status.
 *
 * Expectations in tests describe real Windows (msvcrt.dll CRT), not Vine.
 */
#ifndef VINETEST_H
#define VINETEST_H

#include <stdio.h>
#include <stdarg.h>
#include <string.h>
#include <inttypes.h>

#ifdef __cplusplus
extern "C" {
#endif

static int vt_passed_count;
static int vt_failed_count;

#if defined(__GNUC__)
__attribute__((unused))
#endif
static int vt_ok(int cond, const char *file, int line, const char *fmt, ...)
{
    va_list ap;
    const char *base = strrchr(file, '/');
    const char *base2 = strrchr(file, '\\');
    if (base2 && (!base || base2 > base)) base = base2;
    base = base ? base + 1 : file;
    if (cond) {
        vt_passed_count++;
        printf("ok: ");
    } else {
        vt_failed_count++;
        printf("FAIL %s:%d: ", base, line);
    }
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    printf("\n");
    fflush(stdout);
    return cond;
}

#define ok(cond, ...) vt_ok(!!(cond), __FILE__, __LINE__, __VA_ARGS__)

/* Compare two strings exactly; prints both on mismatch. */
#define ok_str(got, expected)                                                  \
    do {                                                                       \
        const char *vt_g_ = (got), *vt_e_ = (expected);                        \
        ok(vt_g_ && strcmp(vt_g_, vt_e_) == 0, "%s: got \"%s\", expected \"%s\"", \
           #got, vt_g_ ? vt_g_ : "(null)", vt_e_);                            \
    } while (0)

/* A Win32 call that must fail with `error`: `succeeded` is its success as a
 * truth value (e.g. VirtualAlloc(...) != NULL). The error is read right
 * after the call, since the arguments of ok() are evaluated in no fixed
 * order. Needs <windows.h>. */
#define expect_fail(succeeded, error, what) do {                               \
    SetLastError(0xdeadbeef);                                                   \
    BOOL vt_s_ = !!(succeeded);                                                 \
    DWORD vt_e_ = GetLastError();                                               \
    ok(!vt_s_ && vt_e_ == (DWORD)(error), "%s: %s, error %lu (expected %lu)",   \
       what, vt_s_ ? "succeeded" : "failed", vt_e_, (DWORD)(error));            \
} while (0)

/* Compare two integers (printed as long long). */
#define ok_int(got, expected)                                                  \
    do {                                                                       \
        int64_t vt_g_ = (int64_t)(got), vt_e_ = (int64_t)(expected);           \
        ok(vt_g_ == vt_e_, "%s: got %" PRId64 ", expected %" PRId64, #got,     \
           vt_g_, vt_e_);                                                      \
    } while (0)

#if defined(__GNUC__)
__attribute__((unused))
#endif
static int vt_summary(void)
{
    printf("%d passed, %d failed\n", vt_passed_count, vt_failed_count);
    fflush(stdout);
    return vt_failed_count > 125 ? 125 : vt_failed_count;
}

#ifdef __cplusplus
}
#endif

#endif /* VINETEST_H */
