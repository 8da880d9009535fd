// Translation between Windows paths and Unix paths. Drive Z: is the Unix
// root, as in Wine; C: is the prefix's drive_c once prefixes exist.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace vine::paths {

// "/home/u/a.exe" -> "Z:\\home\\u\\a.exe" (the path made absolute first).
std::u16string unix_to_dos(std::string_view unix_path);
// "Z:\\tmp\\x.txt" -> "/tmp/x.txt"; relative paths stay relative with '/'
// separators. nullopt for a drive Vine does not map.
std::optional<std::string> dos_to_unix(std::u16string_view dos_path);

}  // namespace vine::paths
