// Hardware exceptions: SIGSEGV, SIGBUS, SIGILL, SIGFPE and SIGTRAP become
// Windows exceptions (EXCEPTION_RECORD and CONTEXT), dispatched by ntdll on
// the faulting thread's stack (loader::set_exception_dispatcher). Before
// ntdll is ready, or when the stack has no room left (an overflow), the
// signal handler prints the crash report itself and ends the process with
// the low byte of the exception code, as an unhandled exception does.
#pragma once

namespace vine::crash {

// Installs the handlers; call once per process.
void install_handlers();
// Gives the calling thread an alternate signal stack.
void install_signal_stack();
// Unmaps it again, once the thread runs no Windows code any more.
void release_signal_stack();

}  // namespace vine::crash
