// This process's cache of registry values read through NtQueryValueKey, so
// that a program reading the same values again and again does not pay a
// server round trip each time. An entry is good while the registry's change
// count (protocol.h, kRegistryGenerationSlot) is the one read before the
// server answered, and until its handle is closed here.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "vine/wintypes.h"

namespace ntdll::registry_cache {

// What the server answered for a value: 0 and its type and data, or the
// server's error (only "no such value" is kept).
struct Answer {
    uint32_t error = 0;
    uint32_t type = 0;
    std::string data;
};

// Taken before asking the server, so that an answer stored with it is
// dropped if anything changed while the request was on its way.
struct Ticket {
    uint64_t generation = 0;
    uint64_t closes = 0;
    bool usable = false;
};

// The cached answer for `name` through `key`, if still good.
bool lookup(HANDLE key, std::u16string_view name, Answer& answer);
Ticket begin();
void store(const Ticket& ticket, HANDLE key, std::u16string_view name, const Answer& answer);
// `key` is being closed: its entries go.
void forget_handle(HANDLE key);

}  // namespace ntdll::registry_cache
