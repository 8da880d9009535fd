// Until SEH lands, a fault in guest or builtin code ends the process with a
// report (exception code, faulting address, module+offset, registers)
// instead of a bare segfault, and the Windows exit status of the exception.
#pragma once

namespace vine::crash {

// Installs the handlers; call once per process.
void install_handlers();
// Gives the calling thread an alternate signal stack.
void install_signal_stack();

}  // namespace vine::crash
