// +relay: every call from a Windows module into a builtin export is bound to
// the export's relay thunk, which enters vine_relay_entry (relay_entry.S);
// that prints the call with its typed arguments, calls the implementation
// and prints the return value.
#pragma once

#include "vine/builtin.h"

namespace vine::relay {

bool enabled_for(const BuiltinExport* entry);

}  // namespace vine::relay
