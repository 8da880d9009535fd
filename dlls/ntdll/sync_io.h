// Synchronous I/O that blocks (a read of an empty pipe, a connect waiting
// for its client) waits in poll() beside an eventfd of the calling thread,
// so another thread's CancelSynchronousIo can end it (sync_io.cpp).
#pragma once

#include <cstdint>

#include "vine/wintypes.h"

namespace ntdll::sync_io {

// Waits until `fd` has `events` (POLLIN, POLLOUT; also its end or an
// error): STATUS_SUCCESS, or STATUS_CANCELLED when cancelled.
NTSTATUS wait_ready(int fd, short events);
// The same, up to `timeout_ms` (-1: no limit; 0: a look): STATUS_TIMEOUT
// when it passed first. `continuing`: the wait is a later one of the same
// call (a serial read waiting again for more bytes), so a cancel that came
// between its waits ends it; otherwise such a cancel was for a call
// already over and is dropped.
NTSTATUS wait_ready(int fd, short events, int timeout_ms, bool continuing = false);
// NtCancelSynchronousIoFile: ends the wait `thread_id` is in; false when it
// is in none.
bool cancel(uint32_t thread_id);
// The thread has ended.
void forget_thread(uint32_t thread_id);

}  // namespace ntdll::sync_io
