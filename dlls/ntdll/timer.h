// Waitable timers' completion routines, as seen by the wait code: a timer
// set with a routine is watched by the alertable waits of the thread that
// set it, through its expiry count in the sync area.
#pragma once

#include <cstddef>
#include <cstdint>

#include "vine/wintypes.h"

namespace ntdll::timers {

struct Watch {
    uint32_t* word;  // a shared futex word (the server writes it)
    uint32_t value;
};
// For an alertable wait of the calling thread: queues the completion
// routine of each of its timers that expired since last looked at, and
// fills `out` with the words to sleep on. Returns how many it filled.
size_t poll(Watch* out, size_t max);
// The handle was closed: its completion routine goes.
void forget_handle(HANDLE handle);
// The thread ended.
void forget_thread(uint32_t thread_id);

}  // namespace ntdll::timers
