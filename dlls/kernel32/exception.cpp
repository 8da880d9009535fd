// The top of exception handling in kernel32: the process's unhandled
// exception filter and the default action when no filter handles an
// exception (vine's crash report; the process then ends with the exception
// code). ntdll calls UnhandledExceptionFilter when no handler takes an
// exception, as the __except around a thread's start routine does on Windows.
#include <atomic>

#include "kernel32_private.h"
#include "vine/context.h"
#include "vine/loader.h"

namespace {
std::atomic<PTOP_LEVEL_EXCEPTION_FILTER> user_filter{nullptr};
}  // namespace

VINE_EXPORT PTOP_LEVEL_EXCEPTION_FILTER SetUnhandledExceptionFilter(PTOP_LEVEL_EXCEPTION_FILTER filter) {
    return user_filter.exchange(filter);
}

VINE_EXPORT LONG UnhandledExceptionFilter(EXCEPTION_POINTERS* pointers) {
    if (PTOP_LEVEL_EXCEPTION_FILTER filter = user_filter.load()) {
        LONG result = filter(pointers);
        if (result != EXCEPTION_CONTINUE_SEARCH) return result;
    }
    // Where Windows Error Reporting would step in.
    vine::loader::report_exception(pointers->ExceptionRecord, pointers->ContextRecord);
    return EXCEPTION_EXECUTE_HANDLER;
}
