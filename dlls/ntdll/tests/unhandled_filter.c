/* An exception no handler takes reaches the filter given to
   SetUnhandledExceptionFilter; when it returns EXCEPTION_EXECUTE_HANDLER the
   process ends with the exception code as its exit status (Linux sees the
   low byte: 0x42). */
#include <windows.h>
#include "vinetest.h"

static int vectored_calls;

static LONG CALLBACK vectored(EXCEPTION_POINTERS *pointers)
{
    vectored_calls++;
    return EXCEPTION_CONTINUE_SEARCH;
}

static LONG WINAPI filter(EXCEPTION_POINTERS *pointers)
{
    EXCEPTION_RECORD *record = pointers->ExceptionRecord;
    ok(vectored_calls == 1, "the vectored handler ran first (%d)", vectored_calls);
    ok(record->ExceptionCode == 0xe0000042, "filter: code %08lx", record->ExceptionCode);
    ok(record->NumberParameters == 1 && record->ExceptionInformation[0] == 1234, "filter: parameter");
    ok(pointers->ContextRecord != NULL, "filter: a context");
    vt_summary();
    return EXCEPTION_EXECUTE_HANDLER;
}

int main(void)
{
    ULONG_PTR argument = 1234;
    AddVectoredExceptionHandler(1, vectored);
    SetUnhandledExceptionFilter(filter);
    ok(SetUnhandledExceptionFilter(filter) == filter, "SetUnhandledExceptionFilter returns the previous filter");
    RaiseException(0xe0000042, 0, 1, &argument);
    ok(0, "not reached");
    return vt_summary();
}
