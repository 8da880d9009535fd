// WaitForInputIdle. Vine has no windows or message queues yet, so every
// process is a console process, for which Windows returns WAIT_FAILED at
// once instead of waiting (a bad handle fails the same way, with
// ERROR_INVALID_HANDLE).
#include "vine/kernel32_exports.h"
#include "vine/wintypes.h"

namespace {
constexpr DWORD WAIT_FAILED = 0xffffffff;
}  // namespace

VINE_EXPORT DWORD WaitForInputIdle(HANDLE process, DWORD milliseconds) {
    (void)milliseconds;
    // GetProcessId checks the handle and sets ERROR_INVALID_HANDLE.
    if (process != reinterpret_cast<HANDLE>(-1)) GetProcessId(process);
    return WAIT_FAILED;
}
