// Directory listings for case-insensitive lookups (directory_cache.cpp).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace vine::paths {

// The entry of `directory` equal to `name` ignoring case (the smallest such
// spelling), from the cached listing kept current by inotify.
std::optional<std::string> find_entry_cached(const std::string& directory, std::string_view name);
// The same by reading the directory now.
std::optional<std::string> find_entry_by_reading(const std::string& directory, std::string_view name);

}  // namespace vine::paths
