// API set names (api-ms-win-*, ext-ms-win-*): virtual DLL names that
// Windows' API set schema maps to the DLL implementing each contract. The
// whole mapping is one table in api_sets.cpp; the loader's name resolution,
// ntdll's ApiSetQueryApiSetPresence and kernel32's IsApiSetImplemented all
// answer from it.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "vine/loader.h"  // api_set_present

namespace vine::loader {

// What an API set name resolves to.
struct ApiSetResolution {
    // The DLL Vine loads for it ("kernel32.dll"), or empty when the contract
    // has no host (absent: loading it fails with ERROR_MOD_NOT_FOUND).
    std::u16string host;
};

// True when `name` (a base name, any case, with or without ".dll") is in
// the API set namespace: it starts with "api-" or "ext-".
bool is_api_set_name(std::u16string_view name);

// Resolves an API set name the way Windows does: ".dll" is dropped, then the
// name is compared up to its last hyphen (the minor version is ignored:
// "...-synch-l1-2-0" and "...-synch-l1-2-1" are one contract). Returns
// nullopt when the name is not a contract of the schema: the loader then
// treats it as an ordinary file name (an application may carry its own
// api-ms-win-crt-*.dll, as programs for Windows 7 do).
std::optional<ApiSetResolution> resolve_api_set(std::u16string_view name);

// For the unit test: the table is sorted, as the binary search needs.
bool api_set_schema_is_sorted();

}  // namespace vine::loader
