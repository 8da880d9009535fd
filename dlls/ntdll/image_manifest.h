// The EXE's application manifest (its RT_MANIFEST resource), for the
// settings Windows takes from it at start-up.
#pragma once

#include <string_view>

namespace ntdll {

// The manifest's bytes in the mapped EXE, or empty.
std::string_view exe_manifest();
// Whether the manifest asks for UTF-8 as the process code page
// (<activeCodePage>UTF-8</activeCodePage>).
bool manifest_wants_utf8(std::string_view manifest);

}  // namespace ntdll
