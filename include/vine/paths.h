// Translation between Windows paths and Unix paths. Drive Z: is the Unix
// root, as in Wine; the other drives are the prefix's dosdevices/ links
// (C: is drive_c).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace vine::paths {

// Where Windows keeps itself, as programs see it. Builtin DLLs report this
// system directory as theirs, and LoadLibrary of a path in it finds them.
inline constexpr std::u16string_view kWindowsDirectory = u"C:\\windows";
inline constexpr std::u16string_view kSystemDirectory = u"C:\\windows\\system32";

// "/home/u/a.exe" -> "Z:\\home\\u\\a.exe" (the path made absolute first); a
// path inside a drive of the prefix is named by it: ".../drive_c/x" -> "C:\\x".
std::u16string unix_to_dos(std::string_view unix_path);
// "Z:\\tmp\\x.txt" -> "/tmp/x.txt"; relative paths stay relative with '/'
// separators. nullopt for a drive Vine does not map. Purely lexical: see
// lookup_ignoring_case for the spelling the file system uses.
std::optional<std::string> dos_to_unix(std::u16string_view dos_path);

// ---- case-insensitive lookup (path_lookup.cpp) ----

// The Unix spelling of a path Windows would find: when `unix_path` does not
// exist as spelled, each component is looked up in its directory, exactly
// first, then ignoring case. From the first component found in neither way
// on, the path keeps the caller's spelling, so a file about to be created
// lands in the existing directories under the name the caller gave it, and
// a missing file or directory still fails with ENOENT.
std::string lookup_ignoring_case(std::string_view unix_path);
// The entry of `directory` whose name equals `name` ignoring case (the
// smallest such name when several spellings exist), or nullopt.
std::optional<std::string> find_entry_ignoring_case(const std::string& directory, std::string_view name);
// Windows' case-insensitive comparison of file names (simple case pairs).
char16_t fold_case(char16_t c);
bool names_equal_ignoring_case(std::u16string_view a, std::u16string_view b);

}  // namespace vine::paths
