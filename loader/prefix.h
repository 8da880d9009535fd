// The prefix (VINEPREFIX, default ~/.vine): the C: drive with a Windows tree,
// the drive links and the initial registry hives, made on first use before
// the server starts, the way Wine's wineboot makes a WINEPREFIX.
#pragma once

#include <string>
#include <vector>

#include "vine/expected.h"

namespace vine::prefix {

// Bumped whenever the layout gains something: a prefix stamped with an older
// number gets what is missing added on its next run (nothing is replaced).
// 2: system32 placeholders of builtin programs; 3: the Time Zones keys (and
// any other default key an existing hive lacks); 4: reg.exe and regedit.exe.
inline constexpr int kLayoutVersion = 4;

// Makes `directory` a complete prefix, or does nothing when its stamp says it
// already is one (one small file read: the cost of every later start). Safe
// against several vines starting on one fresh prefix at once. An error for a
// prefix that is not ours or cannot be made.
Expected<void> ensure(const std::string& directory);

// The Unix user's name, as Windows programs see it (USERNAME, the profile).
std::string user_name();

// The single user's SID, as the registry and tokens name it.
inline constexpr const char* kUserSid = "S-1-5-21-0-0-0-1000";

// The hives a fresh prefix starts with (prefix_registry.cpp): system.reg,
// user.reg and userdef.reg, as the server's text files.
struct HiveFile {
    const char* name;
    std::string text;
};
std::vector<HiveFile> default_hives();

// `existing` (a hive's text) with each key block of `defaults` whose key it
// lacks appended; keys it has are kept as they are, values and all. The
// result is `existing` itself when nothing is missing.
std::string with_missing_keys(const std::string& existing, const std::string& defaults);

}  // namespace vine::prefix
