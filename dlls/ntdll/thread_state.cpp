// Per-thread state reached through the TEB: last error and status.
#include "ntdll_private.h"

VINE_EXPORT TEB* NtCurrentTeb() { return current_teb(); }

VINE_EXPORT DWORD RtlGetLastWin32Error() { return current_teb()->LastErrorValue; }

VINE_EXPORT void RtlSetLastWin32Error(DWORD error) { current_teb()->LastErrorValue = error; }

VINE_EXPORT PEB* RtlGetCurrentPeb() { return current_teb()->ProcessEnvironmentBlock; }
