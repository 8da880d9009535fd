// What shell32's files share.
#pragma once

#include <string>

#include "vine/wintypes.h"

namespace shell32 {

// SHCreateDirectoryExW's work: every missing directory of an absolute path
// made; a Win32 error code (ERROR_ALREADY_EXISTS when it was there).
DWORD create_directory_tree(const std::u16string& path);

}  // namespace shell32
