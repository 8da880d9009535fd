// What the rest of kernel32 needs to know of local_global.cpp's moveable
// blocks.
#pragma once

#include "vine/wintypes.h"

namespace kernel32 {

// The handle of the moveable block whose process-heap block is `block`, or
// null if it is not one.
HANDLE moveable_handle_of_heap_block(const void* block);

}  // namespace kernel32
