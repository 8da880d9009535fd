// Fiber-local storage (FlsAlloc & co.): the parts thread.cpp needs.
#pragma once

namespace kernel32::fls {

// Runs the calling thread's FLS callbacks for its non-null values and drops
// its values; at ExitThread or when its start routine returns.
void thread_exit();

}  // namespace kernel32::fls
