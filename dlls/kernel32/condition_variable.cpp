// SleepConditionVariableCS/SRW: the millisecond, BOOL-returning faces of
// ntdll's condition variables (dlls/ntdll/condition_variable.cpp).
#include "nt_wait.h"

using namespace kernel32;

namespace {

BOOL finish(NTSTATUS status) {
    if (status == 0) return TRUE;
    set_nt_error(status);  // a timeout reads ERROR_TIMEOUT
    return FALSE;
}

}  // namespace

VINE_EXPORT BOOL SleepConditionVariableCS(RTL_CONDITION_VARIABLE* cv, RTL_CRITICAL_SECTION* cs, DWORD milliseconds) {
    LARGE_INTEGER timeout;
    return finish(RtlSleepConditionVariableCS(cv, cs, nt_timeout(milliseconds, timeout)));
}

VINE_EXPORT BOOL SleepConditionVariableSRW(RTL_CONDITION_VARIABLE* cv, RTL_SRWLOCK* lock, DWORD milliseconds,
                                           ULONG flags) {
    LARGE_INTEGER timeout;
    return finish(RtlSleepConditionVariableSRW(cv, lock, nt_timeout(milliseconds, timeout), flags));
}
