// User APCs (NtQueueApcThread, QueueUserAPC): queued to a thread of this
// process, run when it next waits alertably (NtDelayExecution,
// NtWaitFor*Object(s), NtSignalAndWaitForSingleObject with Alertable), which
// then returns STATUS_USER_APC; or when it calls NtTestAlert.
#pragma once

#include <cstdint>
#include <functional>

namespace ntdll::apc {

// The calling thread's "APCs queued" word: alertable waits sleep on it too
// (a private futex), and queueing wakes it.
uint32_t* pending_word();
// Runs the calling thread's queued APCs in order; true if any ran.
bool run_pending();
// Queues `call` to run in thread `thread_id` (of this process) at its next
// alertable wait, and wakes that wait.
void queue(uint32_t thread_id, std::function<void()> call);
// Drops the queue of a thread that has ended.
void forget_thread(uint32_t thread_id);

}  // namespace ntdll::apc
