// Parallel ports as data: the IOCTL_PAR_* controls a program sends to LPTn
// and their structures (ntddpar.h layouts, from the Windows driver
// documentation). ntdll runs them on Linux's printer ioctls (dlls/ntdll/parallel.cpp).
#pragma once

#include "vine/wintypes.h"

namespace vine::nt {

// CTL_CODE(FILE_DEVICE_PARALLEL_PORT (0x16), function, METHOD_BUFFERED, FILE_ANY_ACCESS).
constexpr ULONG FILE_DEVICE_PARALLEL_PORT = 0x16;
constexpr ULONG parallel_control(ULONG function) { return (FILE_DEVICE_PARALLEL_PORT << 16) | (function << 2); }
constexpr ULONG IOCTL_PAR_QUERY_INFORMATION = parallel_control(1), IOCTL_PAR_SET_INFORMATION = parallel_control(2);

// PAR_QUERY_INFORMATION.Status bits; PARALLEL_INIT is PAR_SET_INFORMATION.Init's one value.
constexpr UCHAR PARALLEL_INIT = 0x01, PARALLEL_AUTOFEED = 0x02, PARALLEL_PAPER_EMPTY = 0x04, PARALLEL_OFF_LINE = 0x08,
                PARALLEL_POWER_OFF = 0x10, PARALLEL_NOT_CONNECTED = 0x20, PARALLEL_BUSY = 0x40,
                PARALLEL_SELECTED = 0x80;

struct PAR_QUERY_INFORMATION {
    UCHAR Status;
};
struct PAR_SET_INFORMATION {
    UCHAR Init;
};

}  // namespace vine::nt
