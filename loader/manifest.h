// The EXE's manifest: which Windows versions it declares it supports.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "vine/loader.h"

namespace vine::manifest {

// The newest version among the supportedOS Ids of a manifest's text
// (loader.h's kWindows* values), 0 when it names none.
uint32_t supported_os(std::string_view manifest);
// Reads the mapped EXE's RT_MANIFEST before any of its code runs; what it
// declares is then loader::exe_supported_os().
void record_exe(const uint8_t* base, size_t size);

}  // namespace vine::manifest
