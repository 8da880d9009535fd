// User APCs (QueueUserAPC): queued to a thread of this process, run when it
// next waits alertably (SleepEx, WaitFor*Ex, SignalObjectAndWait with
// bAlertable), which then returns WAIT_IO_COMPLETION.
#pragma once

#include <cstdint>

namespace kernel32::apc {

// The calling thread's "APCs queued" word: alertable waits sleep on it too
// (a private futex), and QueueUserAPC wakes it.
uint32_t* pending_word();
// Runs the calling thread's queued APCs in order; true if any ran.
bool run_pending();
// Drops the queue of a thread that has ended.
void forget_thread(uint32_t thread_id);

}  // namespace kernel32::apc
