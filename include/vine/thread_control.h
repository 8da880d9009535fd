// Stopping, inspecting, redirecting and ending the threads of this process
// (SuspendThread, Get/SetThreadContext, TerminateThread). It lives in the
// vine executable, as the Unix half of Wine's ntdll does: one real-time
// signal, whose handler (on the thread's signal stack) saves the
// interrupted registers where other threads can read and change them,
// acknowledges, and sleeps on a futex until the thread is resumed; then it
// returns into the possibly modified context.
//
// The server keeps the suspend counts callers see; each thread's record
// mirrors the count of its own process's suspensions (increments and
// decrements commute, so callers racing on the server and here agree).
#pragma once

#include <setjmp.h>

#include <cstdint>

#include "vine/context.h"
#include "vine/teb.h"

namespace vine::threads {

struct Control;

// Installs the signal handler (process start-up, before any thread).
void install();
// The record of a thread about to be created (before pthread_create), so
// that it can be suspended, inspected or terminated before it runs. A
// `suspended` thread stops before running anything; `initial` is what
// GetThreadContext reports until it has run.
Control* prepare(uint32_t thread_id, bool suspended, const CONTEXT& initial);
// Drops the record of a thread that could not be created after all.
void forget(uint32_t thread_id);
// Called by the new thread first: binds it to its record and waits while
// it is suspended. False: it was terminated before it started.
bool start(Control* control);
// Records the calling thread's TEB, for for_each_teb.
void set_teb(TEB* teb);
// Where TerminateThread sends the thread (siglongjmp with value 2); null for
// threads that have none (the main thread): those just stop forever.
void set_exit_target(sigjmp_buf* target);
// The calling thread is ending: from now on it cannot be suspended or
// terminated, and its record goes. Safe to call twice.
void finish();

// After the server counted a suspension of `thread_id` (a thread of this
// process): stops it and returns once it is stopped (at once for a thread
// that has not started or has ended). On the calling thread itself it
// returns only after another thread resumed it.
void suspend(uint32_t thread_id);
// After the server counted a resumption: when the count reaches 0 the
// thread runs on, with the context SetThreadContext gave it.
void resume(uint32_t thread_id);
// The registers of another thread of this process (stopped, or stopped
// briefly for the copy); parts chosen by `flags` (CONTEXT_CONTROL, ...).
// False if no such thread runs here.
bool get_context(uint32_t thread_id, CONTEXT& out);
// The TEB of a running thread of this process; null if there is none.
TEB* teb_of(uint32_t thread_id);
bool set_context(uint32_t thread_id, const CONTEXT& in);
// Stops a thread for good: it runs no more Windows code and ends without
// DLL notifications. Returns once it has stopped (or after a few seconds if
// it could not be reached). False if no such thread runs here.
bool terminate(uint32_t thread_id);
// Ends the calling thread at once (TerminateThread on oneself).
[[noreturn]] void terminate_self();

// Code that takes locks other threads need (the server connection, handle
// cache, these records) runs in a "no interrupt" region: a suspension or
// termination arriving there waits until the region ends.
void enter_no_interrupt();
void leave_no_interrupt();
struct NoInterrupt {
    NoInterrupt() { enter_no_interrupt(); }
    ~NoInterrupt() { leave_no_interrupt(); }
    NoInterrupt(const NoInterrupt&) = delete;
    NoInterrupt& operator=(const NoInterrupt&) = delete;
};

// Calls `visit` with the TEB of every running thread of this process that
// has one (TLS and FLS slots). Runs with the records locked: `visit` must
// not call back into this interface or run Windows code.
void for_each_teb(void (*visit)(TEB* teb, void* data), void* data);

}  // namespace vine::threads
