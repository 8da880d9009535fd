// Listing a directory through its handle (directory_info.cpp).
#pragma once

#include "kernel32_private.h"

namespace kernel32 {

// Fills `buffer` with FILE_FULL_DIR_INFO (or FILE_ID_BOTH_DIR_INFO) entries
// from the directory's current position (its start when `restart`). FALSE
// with ERROR_NO_MORE_FILES at the end, ERROR_MORE_DATA when not even one
// entry fits.
BOOL list_directory(HANDLE handle, bool id_both, bool restart, void* buffer, DWORD length);

}  // namespace kernel32
