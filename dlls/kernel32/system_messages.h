// The system message table FormatMessage reads (system_messages.cpp).
#pragma once

#include "vine/wintypes.h"

namespace kernel32 {

// The English text of a Win32 error code, ending with "\r\n", or null.
const char16_t* system_message(DWORD id);

}  // namespace kernel32
