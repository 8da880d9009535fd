// Translation between Windows paths and Unix paths. Drive Z: is the Unix
// root, as in Wine; the other drives are the prefix's dosdevices/ links
// (C: is drive_c).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

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
// The Unix device behind drive `letter`: what the prefix's dosdevices/x::
// link names, as in Wine (d:: -> /dev/sr0 beside d: -> the mount point),
// whether or not that device exists on this machine; nullopt without a link.
std::optional<std::string> drive_device(char16_t letter);
// Whether a Unix device name is an optical drive's (Linux's sr*, scd*, and
// the udev names cdrom*, cdrw*, dvd*, dvdrw*), following links that exist.
bool is_cdrom_device(const std::string& device);

// The NT device of drive `letter` ('A'-'Z'): one volume per drive, numbered
// by its letter so the name is stable ("\\Device\\HarddiskVolume3" is C:).
// QueryDosDeviceW lists these, NtQueryObject names files by them.
inline std::u16string volume_device_name(char16_t letter) {
    std::u16string name = u"\\Device\\HarddiskVolume";
    int number = (letter >= u'a' ? letter - u'a' : letter - u'A') + 1;
    if (number >= 10) name += static_cast<char16_t>(u'0' + number / 10);
    name += static_cast<char16_t>(u'0' + number % 10);
    return name;
}
// The drive letter whose volume device starts `nt_name` (followed by a
// backslash or its end), with the device's length in `length`; 0 for none.
inline char16_t drive_of_volume_device(std::u16string_view nt_name, size_t& length) {
    constexpr std::u16string_view prefix = u"\\Device\\HarddiskVolume";
    if (nt_name.substr(0, prefix.size()) != prefix) return 0;
    size_t end = prefix.size();
    int number = 0;
    while (end < nt_name.size() && end < prefix.size() + 2 && nt_name[end] >= u'0' && nt_name[end] <= u'9')
        number = number * 10 + (nt_name[end++] - u'0');
    if (end == prefix.size() || number < 1 || number > 26 || (end < nt_name.size() && nt_name[end] != u'\\'))
        return 0;
    length = end;
    return static_cast<char16_t>(u'A' + number - 1);
}

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

// ---- NT names (nt_names.cpp) ----
namespace vine::paths {

// What an NT object name for a file says, lexically: "\??\C:\dir\file" is
// drive C with rest "dir\file"; "\??\NUL", "\Device\Null" and the like are
// a device ("NUL", "COM1", ...); "\??\UNC\server\share\x" a network path.
struct NtName {
    enum class Kind { drive, device, unc } kind = Kind::drive;
    char16_t drive = 0;     // upper case, for Kind::drive
    std::u16string device;  // upper case, for Kind::device
    std::u16string rest;    // components joined by '\', no leading or trailing one
    bool trailing_separator = false;
};

// Parses an absolute NT name. Returns 0 or the NTSTATUS Windows gives for
// the name: STATUS_OBJECT_PATH_SYNTAX_BAD (not absolute),
// STATUS_OBJECT_NAME_INVALID (a component with a character NT file names
// cannot hold: < > : " / | ? * or a control character),
// STATUS_OBJECT_PATH_NOT_FOUND (a namespace directory that holds no files).
uint32_t parse_nt_name(std::u16string_view name, NtName& out);
// Checks the components of a name relative to a directory handle (same
// statuses); `out` gets the normalised rest.
uint32_t parse_relative_nt_name(std::u16string_view name, NtName& out);

// The DOS device a Win32 path names, as RtlIsDosDeviceName_U decides:
// "NUL", "C:\x\con.txt", "COM1:" name CON/NUL/AUX/PRN/COMn/LPTn (returned in
// upper case); empty for an ordinary path.
std::u16string dos_device_name(std::u16string_view path);
// The NT name of a full Win32 path (kernel32's full_path_name output):
// "C:\x" -> "\??\C:\x", "\\srv\share\x" -> "\??\UNC\srv\share\x",
// "\\?\X" and "\\.\X" -> "\??\X" (taken literally), a device -> "\??\NUL".
std::u16string dos_to_nt_name(std::u16string_view full_path);
// Whether `name` matches an NtQueryDirectoryFile mask, as
// FsRtlIsNameInExpression decides: '*' any run, '?' one character, and the
// DOS forms FindFirstFile produces: '<' (DOS_STAR) any run up to the last
// dot, '>' (DOS_QM) one character or nothing at a dot or the end, '"'
// (DOS_DOT) a dot or the end.
bool nt_mask_matches(std::u16string_view mask, std::u16string_view name, bool ignore_case);

}  // namespace vine::paths

// ---- 8.3 names (short_names.cpp) ----
namespace vine::paths {

// Whether `name` already is a valid 8.3 name (then it is its own short name).
bool is_short_name(std::u16string_view name);
// The 8.3 name of each entry of a Unix directory, as Windows would show it
// (GetShortPathName): an 8.3-valid name is its own; the others get
// "STEM6~N.EXT" with N counting, in name order, the entries that share the
// same stem and extension, so the names are stable while those entries
// stay. Pairs of (Unix name, short name); empty if the directory can't be read.
std::vector<std::pair<std::string, std::u16string>> short_names_in(const std::string& directory);

}  // namespace vine::paths
