// FindFirstFile / FindNextFile / FindClose: directory searches with Windows'
// wildcard rules. A search lists its directory once, at FindFirstFile,
// through NtQueryDirectoryFile with the mask in its DOS-wildcard form, and
// hands the matching entries out one by one. FindFirstStreamW /
// FindNextStreamW hand out a file's data streams (ntdll's
// FileStreamInformation) through the same handles.
//
// Find handles are not kernel handles here: FindClose closes them and
// CloseHandle does not, so they live in their own small table, in a value
// range the process handle table never reaches.
#include <algorithm>
#include <cerrno>
#include <cstring>
#include <mutex>
#include <unordered_map>
#include <vector>

#include "vine/locks.h"
#include "kernel32_private.h"
#include "nt_path.h"
#include "nt_wait.h"
#include "vine/nt_file.h"
#include "vine/paths.h"
#include "vine/unicode.h"

using namespace kernel32;

namespace {

struct WIN32_FIND_DATAW {
    DWORD dwFileAttributes;
    FILETIME ftCreationTime, ftLastAccessTime, ftLastWriteTime;
    DWORD nFileSizeHigh, nFileSizeLow;
    DWORD dwReserved0, dwReserved1;
    WCHAR cFileName[260];
    WCHAR cAlternateFileName[14];
};
static_assert(sizeof(WIN32_FIND_DATAW) == 592);

struct WIN32_FIND_DATAA {
    DWORD dwFileAttributes;
    FILETIME ftCreationTime, ftLastAccessTime, ftLastWriteTime;
    DWORD nFileSizeHigh, nFileSizeLow;
    DWORD dwReserved0, dwReserved1;
    char cFileName[260];
    char cAlternateFileName[14];
};
static_assert(sizeof(WIN32_FIND_DATAA) == 320);

constexpr int FindExInfoStandard = 0, FindExInfoBasic = 1;
constexpr int FindExSearchNameMatch = 0, FindExSearchLimitToDirectories = 1, FindExSearchLimitToDevices = 2;
constexpr DWORD FIND_FIRST_EX_CASE_SENSITIVE = 1, FIND_FIRST_EX_LARGE_FETCH = 2,
                FIND_FIRST_EX_ON_DISK_ENTRIES_ONLY = 4;

struct Entry {
    std::u16string name;
    vine::nt::FILE_DIRECTORY_HEADER info;
};

struct Search {
    std::vector<Entry> entries;
    size_t next = 0;
    bool streams = false;  // FindFirstStreamW's: the data streams of a file
};

// FindFirstStreamW's one information level and what it fills.
constexpr int FindStreamInfoStandard = 0;
struct WIN32_FIND_STREAM_DATA {
    LARGE_INTEGER StreamSize;
    WCHAR cStreamName[260 + 36];
};
static_assert(sizeof(WIN32_FIND_STREAM_DATA) == 600);

// ---- the find handle table ----

constexpr uintptr_t kFirstFindHandle = 0x40000000;  // above any index*4 of vine::handles
vine::Mutex table_lock;
std::unordered_map<uintptr_t, Search> searches;
uintptr_t next_handle = kFirstFindHandle;

HANDLE insert_search(Search search) {
    std::lock_guard guard(table_lock);
    while (searches.count(next_handle)) next_handle += 4;
    uintptr_t value = next_handle;
    next_handle = next_handle + 4 >= 0x7ffffff0 ? kFirstFindHandle : next_handle + 4;
    searches.emplace(value, std::move(search));
    return reinterpret_cast<HANDLE>(value);
}

// ---- wildcards ----

// Windows matches a search mask the way FsRtlIsNameInExpression does with
// the DOS wildcards FindFirstFile turns the mask into:
//  - '*' matches any run of characters, dots included;
//  - '*' just before a '.' (DOS_STAR) matches any run up to the name's
//    last dot, so "*.txt" needs an extension and "*.*" matches everything;
//  - '?' (DOS_QM) matches one character, or nothing at a dot or at the end
//    of the name, so "a??.txt" also matches "a.txt";
//  - '.' just before '?', '*' or the end of the mask (DOS_DOT) matches a
//    dot or the end of the name, so "*." matches names without a dot.
// The mask in NtQueryDirectoryFile's terms (vine::paths::nt_mask_matches).
std::u16string tokenize(std::u16string_view mask) {
    std::u16string tokens;
    for (size_t i = 0; i < mask.size(); ++i) {
        char16_t c = mask[i], next = i + 1 < mask.size() ? mask[i + 1] : 0;
        if (c == u'*') tokens += next == u'.' ? u'<' : u'*';
        else if (c == u'?') tokens += u'>';
        else if (c == u'.' && (next == u'?' || next == u'*' || next == 0)) tokens += u'"';
        else tokens += c;
    }
    return tokens;
}

bool mask_matches(std::u16string_view tokens, std::u16string_view name, bool case_sensitive) {
    return vine::paths::nt_mask_matches(tokens, name, !case_sensitive);
}

// ---- searching ----

bool entry_order(const Entry& a, const Entry& b) {
    // "." and ".." first, then by name ignoring case, as NTFS lists them.
    auto rank = [](const Entry& e) { return e.name == u"." ? 0 : e.name == u".." ? 1 : 2; };
    if (rank(a) != rank(b)) return rank(a) < rank(b);
    size_t n = std::min(a.name.size(), b.name.size());
    for (size_t i = 0; i < n; ++i) {
        char16_t x = vine::paths::fold_case(a.name[i]), y = vine::paths::fold_case(b.name[i]);
        if (x != y) return x < y;
    }
    if (a.name.size() != b.name.size()) return a.name.size() < b.name.size();
    return a.name < b.name;
}

// Starts a search; on failure sets the last error and returns nullopt.
std::optional<Search> start_search(LPCWSTR pattern, bool case_sensitive, bool directories_only) {
    if (!pattern || !*pattern) {
        set_error(ERROR_PATH_NOT_FOUND);
        return std::nullopt;
    }
    // The mask is split off before the directory is made a full path, which
    // would drop its trailing dots ("*." must keep its dot).
    std::u16string_view text(pattern, vine::utf16_length(pattern));
    size_t split = text.find_last_of(u"\\/");
    if (split == std::u16string_view::npos && text.size() >= 2 && text[1] == u':') split = 1;  // "C:*.txt"
    std::u16string_view mask = split == std::u16string_view::npos ? text : text.substr(split + 1);
    std::u16string directory = full_path_name(split == std::u16string_view::npos ? u"." : text.substr(0, split + 1), nullptr);
    if (directory.back() != u'\\') directory += u'\\';
    if (mask.empty()) {
        // "dir\" names no file: Windows finds nothing.
        set_error(ERROR_FILE_NOT_FOUND);
        return std::nullopt;
    }
    NtPath path;
    if (!path.assign(directory.c_str())) return std::nullopt;
    HANDLE dir = nullptr;
    IO_STATUS_BLOCK io{};
    // A private handle: the listing is read here and the handle closed
    // before returning, so the server need not know of it.
    NTSTATUS status = __vine_create_private_file(
        &dir, vine::nt::FILE_LIST_DIRECTORY | vine::nt::SYNCHRONIZE, path.attributes(), &io, 0,
        vine::nt::FILE_SHARE_READ | vine::nt::FILE_SHARE_WRITE | vine::nt::FILE_SHARE_DELETE, vine::nt::FILE_OPEN,
        vine::nt::FILE_DIRECTORY_FILE | vine::nt::FILE_SYNCHRONOUS_IO_NONALERT | vine::nt::FILE_OPEN_FOR_BACKUP_INTENT);
    if (!NT_SUCCESS(status)) {
        // The directory part is missing (or is a file): the path is not found.
        bool missing = status == STATUS_OBJECT_NAME_NOT_FOUND || status == STATUS_NOT_A_DIRECTORY ||
                       status == STATUS_OBJECT_NAME_INVALID;
        if (missing) set_error(ERROR_PATH_NOT_FOUND);
        else set_nt_error(status);
        return std::nullopt;
    }
    bool is_root = directory.size() == 3;  // "X:\" has no "." or ".."
    std::u16string tokens = tokenize(mask);
    UNICODE_STRING nt_mask{static_cast<USHORT>(tokens.size() * sizeof(WCHAR)),
                           static_cast<USHORT>(tokens.size() * sizeof(WCHAR)), tokens.data()};
    Search search;
    std::vector<BYTE> buffer(65536);
    for (bool first = true;; first = false) {
        status = NtQueryDirectoryFile(dir, nullptr, nullptr, nullptr, &io, buffer.data(),
                                      static_cast<ULONG>(buffer.size()), vine::nt::FileDirectoryInformation, FALSE,
                                      first ? &nt_mask : nullptr, first);
        if (!NT_SUCCESS(status)) break;
        for (ULONG offset = 0;;) {
            vine::nt::FILE_DIRECTORY_HEADER info;
            std::memcpy(&info, buffer.data() + offset, sizeof info);
            std::u16string name(info.FileNameLength / sizeof(WCHAR), u'\0');
            std::memcpy(name.data(), buffer.data() + offset + vine::nt::kDirectoryNameOffset, info.FileNameLength);
            bool dots = name == u"." || name == u"..";
            bool keep = !(dots && is_root) && (!case_sensitive || mask_matches(tokens, name, true)) &&
                        (!directories_only || (info.FileAttributes & FILE_ATTRIBUTE_DIRECTORY)) &&
                        name.size() < 260;  // cannot be returned in cFileName otherwise
            if (keep) search.entries.push_back(Entry{std::move(name), info});
            if (!info.NextEntryOffset) break;
            offset += info.NextEntryOffset;
        }
    }
    NtClose(dir);
    if (search.entries.empty()) {
        set_error(ERROR_FILE_NOT_FOUND);
        return std::nullopt;
    }
    std::sort(search.entries.begin(), search.entries.end(), entry_order);
    return search;
}

FILETIME filetime_of(const LARGE_INTEGER& time) { return FILETIME{time.u.LowPart, static_cast<DWORD>(time.u.HighPart)}; }

void fill(const Entry& entry, WIN32_FIND_DATAW* data) {
    memset(data, 0, sizeof *data);
    data->dwFileAttributes = entry.info.FileAttributes;
    data->ftCreationTime = filetime_of(entry.info.CreationTime);
    data->ftLastAccessTime = filetime_of(entry.info.LastAccessTime);
    data->ftLastWriteTime = filetime_of(entry.info.LastWriteTime);
    uint64_t size = static_cast<uint64_t>(entry.info.EndOfFile.QuadPart);
    data->nFileSizeHigh = static_cast<DWORD>(size >> 32);
    data->nFileSizeLow = static_cast<DWORD>(size);
    std::copy(entry.name.begin(), entry.name.end(), data->cFileName);
    // cAlternateFileName (the 8.3 name) stays empty: GetShortPathNameW has it.
}

void to_ansi(const WIN32_FIND_DATAW& wide, WIN32_FIND_DATAA* data) {
    memset(data, 0, sizeof *data);
    memcpy(data, &wide, offsetof(WIN32_FIND_DATAA, cFileName));
    std::string name = file_api_from_wide(wide.cFileName);
    memcpy(data->cFileName, name.c_str(), std::min<size_t>(name.size(), 259));
}

}  // namespace

VINE_EXPORT HANDLE FindFirstFileExW(LPCWSTR pattern, int level, void* out, int search_op, void* filter,
                                    DWORD flags) {
    if ((level != FindExInfoStandard && level != FindExInfoBasic) || search_op < FindExSearchNameMatch ||
        search_op > FindExSearchLimitToDevices || filter || !out ||
        (flags & ~(FIND_FIRST_EX_CASE_SENSITIVE | FIND_FIRST_EX_LARGE_FETCH | FIND_FIRST_EX_ON_DISK_ENTRIES_ONLY))) {
        set_error(ERROR_INVALID_PARAMETER);
        return INVALID_HANDLE_VALUE;
    }
    if (search_op == FindExSearchLimitToDevices) {
        set_error(ERROR_NOT_SUPPORTED);
        return INVALID_HANDLE_VALUE;
    }
    // Limiting to directories is advisory on Windows (file systems that
    // cannot filter return files too); Vine can, so it does.
    auto search = start_search(pattern, flags & FIND_FIRST_EX_CASE_SENSITIVE,
                               search_op == FindExSearchLimitToDirectories);
    if (!search) return INVALID_HANDLE_VALUE;
    fill(search->entries[0], static_cast<WIN32_FIND_DATAW*>(out));
    search->next = 1;
    set_error(ERROR_SUCCESS);
    return insert_search(std::move(*search));
}

VINE_EXPORT HANDLE FindFirstFileW(LPCWSTR pattern, void* out) {
    return FindFirstFileExW(pattern, FindExInfoStandard, out, FindExSearchNameMatch, nullptr, 0);
}

VINE_EXPORT HANDLE FindFirstFileExA(LPCSTR pattern, int level, void* out, int search_op, void* filter, DWORD flags) {
    if (!out) {
        set_error(ERROR_INVALID_PARAMETER);
        return INVALID_HANDLE_VALUE;
    }
    std::u16string wide_pattern = wide_from_file_api(pattern ? pattern : "");
    WIN32_FIND_DATAW wide;
    HANDLE handle = FindFirstFileExW(wide_pattern.c_str(), level, &wide, search_op, filter, flags);
    if (handle != INVALID_HANDLE_VALUE) to_ansi(wide, static_cast<WIN32_FIND_DATAA*>(out));
    return handle;
}

VINE_EXPORT HANDLE FindFirstFileA(LPCSTR pattern, void* out) {
    return FindFirstFileExA(pattern, FindExInfoStandard, out, FindExSearchNameMatch, nullptr, 0);
}

VINE_EXPORT BOOL FindNextFileW(HANDLE handle, void* out) {
    std::lock_guard guard(table_lock);
    auto it = searches.find(reinterpret_cast<uintptr_t>(handle));
    if (it == searches.end() || it->second.streams) {
        set_error(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    Search& search = it->second;
    if (search.next >= search.entries.size()) {
        set_error(ERROR_NO_MORE_FILES);
        return FALSE;
    }
    fill(search.entries[search.next++], static_cast<WIN32_FIND_DATAW*>(out));
    return TRUE;
}

VINE_EXPORT BOOL FindNextFileA(HANDLE handle, void* out) {
    WIN32_FIND_DATAW wide;
    if (!FindNextFileW(handle, &wide)) return FALSE;
    to_ansi(wide, static_cast<WIN32_FIND_DATAA*>(out));
    return TRUE;
}

VINE_EXPORT BOOL FindClose(HANDLE handle) {
    std::lock_guard guard(table_lock);
    if (!searches.erase(reinterpret_cast<uintptr_t>(handle))) {
        set_error(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    return TRUE;
}

// ---- data streams (FindFirstStreamW / FindNextStreamW) ----

namespace {

void fill_stream(const Entry& entry, WIN32_FIND_STREAM_DATA* out) {
    out->StreamSize = entry.info.EndOfFile;
    size_t length = std::min<size_t>(entry.name.size(), std::size(out->cStreamName) - 1);
    std::memcpy(out->cStreamName, entry.name.data(), length * sizeof(WCHAR));
    out->cStreamName[length] = u'\0';
}

// The streams of a file or directory from ntdll's FileStreamInformation.
std::optional<std::vector<Entry>> list_streams(LPCWSTR name) {
    NtPath path;
    if (!path.assign(name)) return std::nullopt;
    HANDLE file = nullptr;
    IO_STATUS_BLOCK io{};
    NTSTATUS status = NtOpenFile(&file, vine::nt::SYNCHRONIZE, path.attributes(), &io,
                                 vine::nt::FILE_SHARE_READ | vine::nt::FILE_SHARE_WRITE | vine::nt::FILE_SHARE_DELETE,
                                 vine::nt::FILE_SYNCHRONOUS_IO_NONALERT | vine::nt::FILE_OPEN_FOR_BACKUP_INTENT);
    if (!NT_SUCCESS(status)) {
        set_nt_error(status);
        return std::nullopt;
    }
    std::vector<char> buffer(4096);
    while ((status = NtQueryInformationFile(file, &io, buffer.data(), static_cast<ULONG>(buffer.size()),
                                            vine::nt::FileStreamInformation)) == STATUS_BUFFER_OVERFLOW &&
           buffer.size() < (1u << 20))
        buffer.resize(buffer.size() * 2);
    NtClose(file);
    if (!NT_SUCCESS(status)) {
        set_nt_error(status);
        return std::nullopt;
    }
    std::vector<Entry> streams;
    constexpr size_t kHeader = offsetof(vine::nt::FILE_STREAM_INFORMATION, StreamName);
    for (size_t at = 0; io.Information && at + kHeader <= io.Information;) {
        vine::nt::FILE_STREAM_INFORMATION info;
        std::memcpy(&info, buffer.data() + at, kHeader);
        if (at + kHeader + info.StreamNameLength > io.Information) break;
        Entry entry{};
        entry.name.resize(info.StreamNameLength / sizeof(WCHAR));
        std::memcpy(entry.name.data(), buffer.data() + at + kHeader, entry.name.size() * sizeof(WCHAR));
        entry.info.EndOfFile = info.StreamSize;
        entry.info.AllocationSize = info.StreamAllocationSize;
        streams.push_back(std::move(entry));
        if (!info.NextEntryOffset) break;
        at += info.NextEntryOffset;
    }
    return streams;
}

}  // namespace

VINE_EXPORT HANDLE FindFirstStreamW(LPCWSTR name, int level, void* out, DWORD flags) {
    if (level != FindStreamInfoStandard || flags || !out) {
        set_error(ERROR_INVALID_PARAMETER);
        return INVALID_HANDLE_VALUE;
    }
    auto streams = list_streams(name);
    if (!streams) return INVALID_HANDLE_VALUE;
    // No stream at all (a directory): nothing to hand out.
    if (streams->empty()) {
        set_error(ERROR_HANDLE_EOF);
        return INVALID_HANDLE_VALUE;
    }
    Search search;
    search.entries = std::move(*streams);
    search.streams = true;
    fill_stream(search.entries[0], static_cast<WIN32_FIND_STREAM_DATA*>(out));
    search.next = 1;
    return insert_search(std::move(search));
}

VINE_EXPORT BOOL FindNextStreamW(HANDLE handle, void* out) {
    std::lock_guard guard(table_lock);
    auto it = searches.find(reinterpret_cast<uintptr_t>(handle));
    if (it == searches.end() || !it->second.streams) {
        set_error(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    Search& search = it->second;
    if (search.next >= search.entries.size()) {
        set_error(ERROR_HANDLE_EOF);
        return FALSE;
    }
    fill_stream(search.entries[search.next++], static_cast<WIN32_FIND_STREAM_DATA*>(out));
    return TRUE;
}
