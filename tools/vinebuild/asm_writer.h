// Writes the assembly for a builtin DLL's descriptor from its parsed spec:
// the in-memory PE image (DOS/NT headers, one section, export directory with
// forwarders), the stub and relay thunks, the vine::BuiltinDll descriptor of
// include/vine/builtin.h, and an ELF constructor registering it.
#pragma once

#include <string>

#include "spec.h"

namespace vine::spec {

std::string write_assembly(const Spec& spec, const std::string& dll_name);

}  // namespace vine::spec
