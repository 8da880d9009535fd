// User APCs (QueueUserAPC): queued to a thread of this process, run when it
// next waits alertably (SleepEx, WaitFor*Ex, SignalObjectAndWait with
// bAlertable), which then returns WAIT_IO_COMPLETION.
#pragma once

#include <cstdint>
#include <functional>

namespace kernel32::apc {

// The calling thread's "APCs queued" word: alertable waits sleep on it too
// (a private futex), and QueueUserAPC wakes it.
uint32_t* pending_word();
// Runs the calling thread's queued APCs in order; true if any ran.
bool run_pending();
// Queues `call` to run in thread `thread_id` (of this process) at its next
// alertable wait, and wakes that wait.
void queue(uint32_t thread_id, std::function<void()> call);
// Drops the queue of a thread that has ended.
void forget_thread(uint32_t thread_id);

}  // namespace kernel32::apc
