// QueueUserAPC: NtQueueApcThread with a dispatcher that calls the Win32
// routine with its one argument, as Windows' kernel32 does.
#include "nt_wait.h"

using namespace kernel32;

namespace {

using ApcRoutine = void(WINAPI*)(ULONG_PTR);

void WINAPI dispatch_user_apc(ULONG_PTR routine, ULONG_PTR data, ULONG_PTR) {
    reinterpret_cast<ApcRoutine>(routine)(data);
}

}  // namespace

VINE_EXPORT DWORD QueueUserAPC(ApcRoutine routine, HANDLE thread, ULONG_PTR data) {
    // A null routine is refused like a bad thread (ntdll checks the thread first).
    NTSTATUS status = NtQueueApcThread(thread, routine ? dispatch_user_apc : nullptr,
                                       reinterpret_cast<ULONG_PTR>(routine), data, 0);
    return nt_bool(status);
}
