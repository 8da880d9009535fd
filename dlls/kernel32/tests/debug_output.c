/* OutputDebugStringA/W raise DBG_PRINTEXCEPTION_C (W: DBG_PRINTEXCEPTION_WIDE_C
   first, then the A form with the converted string) so that a debugger, or
   a vectored handler, sees the string first; a handler that continues
   execution takes it. Frame handlers never see them: OutputDebugString
   catches them itself. Run under VINEDEBUG=+debugstr, the strings no
   handler took appear on stderr (the CTest checks that). */
#include <windows.h>
#include "vinetest.h"

#ifndef DBG_PRINTEXCEPTION_WIDE_C
#define DBG_PRINTEXCEPTION_WIDE_C 0x4001000a
#endif

static int calls;
static DWORD codes[4], counts[4];
static ULONG_PTR params[4][4];
static char copies[4][64];
static LONG answer;

static void copy_string(char *to, const char *from)
{
    size_t i;
    for (i = 0; i < 63 && from[i]; i++) to[i] = from[i];
    to[i] = 0;
}

static LONG WINAPI debugger(EXCEPTION_POINTERS *pointers)
{
    EXCEPTION_RECORD *record = pointers->ExceptionRecord;
    DWORD i;
    if (record->ExceptionCode != DBG_PRINTEXCEPTION_C && record->ExceptionCode != DBG_PRINTEXCEPTION_WIDE_C)
        return EXCEPTION_CONTINUE_SEARCH;
    if (calls < 4) {
        codes[calls] = record->ExceptionCode;
        counts[calls] = record->NumberParameters;
        for (i = 0; i < record->NumberParameters && i < 4; i++) params[calls][i] = record->ExceptionInformation[i];
        /* The strings are OutputDebugString's: valid only during the call. */
        if (record->ExceptionCode == DBG_PRINTEXCEPTION_C)
            copy_string(copies[calls], (const char *)record->ExceptionInformation[1]);
        else if (record->NumberParameters == 4 && record->ExceptionInformation[3])
            copy_string(copies[calls], (const char *)record->ExceptionInformation[3]);
    }
    calls++;
    return answer;
}

static void reset(LONG with)
{
    calls = 0;
    memset(codes, 0, sizeof(codes));
    memset(counts, 0, sizeof(counts));
    memset(params, 0, sizeof(params));
    memset(copies, 0, sizeof(copies));
    answer = with;
}

int main(void)
{
    static const char text[] = "vine debug string A\n";
    static const WCHAR wide[] = L"vine debug string W\n";
    void *handler = AddVectoredExceptionHandler(1, debugger);

    /* Nobody takes it: one exception, then the system debugger. */
    reset(EXCEPTION_CONTINUE_SEARCH);
    OutputDebugStringA(text);
    ok(calls == 1, "A: one exception (%d)", calls);
    ok(codes[0] == DBG_PRINTEXCEPTION_C, "A: DBG_PRINTEXCEPTION_C (%08lx)", codes[0]);
    ok(counts[0] == 2, "A: two parameters (%lu)", counts[0]);
    ok(params[0][0] == sizeof(text), "A: length with the NUL (%lu)", (unsigned long)params[0][0]);
    ok(params[0][1] == (ULONG_PTR)text, "A: the caller's string");

    /* A handler that continues execution takes it. */
    reset(EXCEPTION_CONTINUE_EXECUTION);
    OutputDebugStringA("taken by the handler\n");
    ok(calls == 1 && codes[0] == DBG_PRINTEXCEPTION_C, "A, taken: one exception (%d)", calls);
    ok(!strcmp(copies[0], "taken by the handler\n"), "A, taken: the string (%s)", copies[0]);

    /* W: the wide exception, then the A one with the converted string. */
    reset(EXCEPTION_CONTINUE_SEARCH);
    OutputDebugStringW(wide);
    ok(calls == 2, "W: two exceptions (%d)", calls);
    ok(codes[0] == DBG_PRINTEXCEPTION_WIDE_C && counts[0] == 4, "W: DBG_PRINTEXCEPTION_WIDE_C first (%08lx, %lu)",
       codes[0], counts[0]);
    ok(params[0][0] == ARRAYSIZE(wide) && params[0][1] == (ULONG_PTR)wide, "W: wide length %lu and string",
       (unsigned long)params[0][0]);
    ok(params[0][2] == ARRAYSIZE(wide) && !strcmp(copies[0], "vine debug string W\n"),
       "W: ANSI length %lu and string", (unsigned long)params[0][2]);
    ok(codes[1] == DBG_PRINTEXCEPTION_C && counts[1] == 2 && params[1][0] == ARRAYSIZE(wide),
       "W: then DBG_PRINTEXCEPTION_C (%08lx, %lu, %lu)", codes[1], counts[1], (unsigned long)params[1][0]);
    ok(!strcmp(copies[1], "vine debug string W\n"), "W: the converted string (%s)", copies[1]);

    /* Taking the wide one ends it. */
    reset(EXCEPTION_CONTINUE_EXECUTION);
    OutputDebugStringW(L"wide, taken\n");
    ok(calls == 1 && codes[0] == DBG_PRINTEXCEPTION_WIDE_C, "W, taken: one exception (%d, %08lx)", calls, codes[0]);

    RemoveVectoredExceptionHandler(handler);
    /* Without handlers, it just returns. */
    OutputDebugStringA("no handler at all\n");
    ok(calls == 1, "no handler: nothing called (%d)", calls);
    return vt_summary();
}
