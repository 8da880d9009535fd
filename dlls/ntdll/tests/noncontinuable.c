/* Continuing a noncontinuable exception (here: from the unhandled-exception
   filter) raises STATUS_NONCONTINUABLE_EXCEPTION, which points at the
   original exception; a continuable one resumes after RaiseException. */
#include <windows.h>
#include "vinetest.h"

static int filter_calls;
static int vectored_calls;

static LONG CALLBACK vectored(EXCEPTION_POINTERS *pointers)
{
    EXCEPTION_RECORD *record = pointers->ExceptionRecord;
    vectored_calls++;
    if (record->ExceptionCode != STATUS_NONCONTINUABLE_EXCEPTION) return EXCEPTION_CONTINUE_SEARCH;
    ok(filter_calls == 2, "the filter saw the exception first (%d)", filter_calls);
    ok(record->ExceptionFlags & EXCEPTION_NONCONTINUABLE, "STATUS_NONCONTINUABLE_EXCEPTION is noncontinuable");
    ok(record->ExceptionRecord != NULL, "it has a nested record");
    if (record->ExceptionRecord) {
        ok(record->ExceptionRecord->ExceptionCode == 0xe0000002, "nested code %08lx",
           record->ExceptionRecord->ExceptionCode);
        ok(record->ExceptionRecord->ExceptionFlags & EXCEPTION_NONCONTINUABLE, "nested flags %lx",
           record->ExceptionRecord->ExceptionFlags);
    }
    vt_summary();
    ExitProcess(0);
}

static LONG WINAPI filter(EXCEPTION_POINTERS *pointers)
{
    filter_calls++;
    return EXCEPTION_CONTINUE_EXECUTION;
}

int main(void)
{
    AddVectoredExceptionHandler(1, vectored);
    SetUnhandledExceptionFilter(filter);
    RaiseException(0xe0000001, 0, 0, NULL);
    ok(filter_calls == 1 && vectored_calls == 1, "continuable: RaiseException returned after the filter");
    RaiseException(0xe0000002, EXCEPTION_NONCONTINUABLE, 0, NULL);
    ok(0, "not reached");
    return vt_summary();
}
