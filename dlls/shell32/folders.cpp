// The user's and the machine's folders: SHGetFolderPath (CSIDL numbers),
// SHGetKnownFolderPath (KNOWNFOLDERID GUIDs) and SHGetSpecialFolderPath, from
// one table. A folder's path is its value under the Explorer's "User Shell
// Folders" key (HKCU for the user's folders, HKLM for the common ones),
// expanded, else its "Shell Folders" value, else Windows' default. The
// prefix writes these keys (loader/prefix_registry.cpp). %USERPROFILE% is
// the token's profile (userenv), %PUBLIC% and %ProgramData% the profile
// list's, so the paths do not depend on the process's environment.
#include <cstring>
#include <map>
#include <mutex>
#include <string>
#include <tuple>

#include "shell32_private.h"
#include "vine/advapi32_exports.h"
#include "vine/kernel32_file_exports.h"
#include "vine/known_folders.h"
#include "vine/locks.h"
#include "vine/ole32_exports.h"
#include "vine/paths.h"
#include "vine/server_client.h"
#include "vine/shell.h"
#include "vine/userenv_exports.h"
#include "vine/winerror.h"

extern "C" WINAPI UINT GetWindowsDirectoryW(LPWSTR buffer, UINT size);

namespace {

enum class Scope {
    user,     // HKCU's Shell Folders keys; default under the profile
    common,   // HKLM's Shell Folders keys
    machine,  // a value of HKLM\Software\Microsoft\Windows\CurrentVersion
    fixed,    // the default only (the Windows directory and its parts)
    virtual_, // no file system path
};

struct Folder {
    int csidl;  // -1: only a known folder
    const GUID* id;
    Scope scope;
    const WCHAR* value;  // the registry value's name
    const WCHAR* path;   // Windows' default
};

#define ROAMING u"%USERPROFILE%\\AppData\\Roaming"
#define LOCAL u"%USERPROFILE%\\AppData\\Local"
#define START_MENU ROAMING u"\\Microsoft\\Windows\\Start Menu"
#define COMMON_START_MENU u"%ProgramData%\\Microsoft\\Windows\\Start Menu"

using enum Scope;
const Folder kFolders[] = {
    {CSIDL_DESKTOP, &FOLDERID_Desktop, user, u"Desktop", u"%USERPROFILE%\\Desktop"},
    {CSIDL_DESKTOPDIRECTORY, &FOLDERID_Desktop, user, u"Desktop", u"%USERPROFILE%\\Desktop"},
    {CSIDL_PERSONAL, &FOLDERID_Documents, user, u"Personal", u"%USERPROFILE%\\Documents"},
    {-1, &FOLDERID_Downloads, user, u"{374DE290-123F-4565-9164-39C4925E467B}", u"%USERPROFILE%\\Downloads"},
    {CSIDL_MYMUSIC, &FOLDERID_Music, user, u"My Music", u"%USERPROFILE%\\Music"},
    {CSIDL_MYPICTURES, &FOLDERID_Pictures, user, u"My Pictures", u"%USERPROFILE%\\Pictures"},
    {CSIDL_MYVIDEO, &FOLDERID_Videos, user, u"My Video", u"%USERPROFILE%\\Videos"},
    {CSIDL_FAVORITES, &FOLDERID_Favorites, user, u"Favorites", u"%USERPROFILE%\\Favorites"},
    {-1, &FOLDERID_Contacts, user, u"{56784854-C6CB-462B-8169-88E350ACB882}", u"%USERPROFILE%\\Contacts"},
    {-1, &FOLDERID_Links, user, u"{BFB9D5E0-C6A9-404C-B2B2-AE6DB6AF4968}", u"%USERPROFILE%\\Links"},
    {-1, &FOLDERID_SavedGames, user, u"{4C5C32FF-BB9D-43B0-B5B4-2D72E54EAAA4}", u"%USERPROFILE%\\Saved Games"},
    {CSIDL_APPDATA, &FOLDERID_RoamingAppData, user, u"AppData", ROAMING},
    {CSIDL_LOCAL_APPDATA, &FOLDERID_LocalAppData, user, u"Local AppData", LOCAL},
    {-1, &FOLDERID_LocalAppDataLow, user, u"{A520A1A4-1780-4FF6-BD18-167343C5AF16}",
     u"%USERPROFILE%\\AppData\\LocalLow"},
    {-1, &FOLDERID_UserProgramFiles, user, nullptr, LOCAL u"\\Programs"},
    {CSIDL_STARTMENU, &FOLDERID_StartMenu, user, u"Start Menu", START_MENU},
    {CSIDL_PROGRAMS, &FOLDERID_Programs, user, u"Programs", START_MENU u"\\Programs"},
    {CSIDL_STARTUP, &FOLDERID_Startup, user, u"Startup", START_MENU u"\\Programs\\Startup"},
    {CSIDL_ADMINTOOLS, &FOLDERID_AdminTools, user, u"Administrative Tools",
     START_MENU u"\\Programs\\Administrative Tools"},
    {CSIDL_RECENT, &FOLDERID_Recent, user, u"Recent", ROAMING u"\\Microsoft\\Windows\\Recent"},
    {CSIDL_SENDTO, &FOLDERID_SendTo, user, u"SendTo", ROAMING u"\\Microsoft\\Windows\\SendTo"},
    {CSIDL_TEMPLATES, &FOLDERID_Templates, user, u"Templates", ROAMING u"\\Microsoft\\Windows\\Templates"},
    {CSIDL_NETHOOD, &FOLDERID_NetHood, user, u"NetHood", ROAMING u"\\Microsoft\\Windows\\Network Shortcuts"},
    {CSIDL_PRINTHOOD, &FOLDERID_PrintHood, user, u"PrintHood", ROAMING u"\\Microsoft\\Windows\\Printer Shortcuts"},
    {CSIDL_INTERNET_CACHE, &FOLDERID_InternetCache, user, u"Cache", LOCAL u"\\Microsoft\\Windows\\INetCache"},
    {CSIDL_COOKIES, &FOLDERID_Cookies, user, u"Cookies", LOCAL u"\\Microsoft\\Windows\\INetCookies"},
    {CSIDL_HISTORY, &FOLDERID_History, user, u"History", LOCAL u"\\Microsoft\\Windows\\History"},
    {CSIDL_CDBURN_AREA, &FOLDERID_CDBurning, user, u"CD Burning", LOCAL u"\\Microsoft\\Windows\\Burn\\Burn"},
    {CSIDL_PROFILE, &FOLDERID_Profile, fixed, nullptr, u"%USERPROFILE%"},

    {CSIDL_COMMON_APPDATA, &FOLDERID_ProgramData, common, u"Common AppData", u"%ProgramData%"},
    {CSIDL_COMMON_DESKTOPDIRECTORY, &FOLDERID_PublicDesktop, common, u"Common Desktop", u"%PUBLIC%\\Desktop"},
    {CSIDL_COMMON_DOCUMENTS, &FOLDERID_PublicDocuments, common, u"Common Documents", u"%PUBLIC%\\Documents"},
    {CSIDL_COMMON_MUSIC, &FOLDERID_PublicMusic, common, u"CommonMusic", u"%PUBLIC%\\Music"},
    {CSIDL_COMMON_PICTURES, &FOLDERID_PublicPictures, common, u"CommonPictures", u"%PUBLIC%\\Pictures"},
    {CSIDL_COMMON_VIDEO, &FOLDERID_PublicVideos, common, u"CommonVideo", u"%PUBLIC%\\Videos"},
    {-1, &FOLDERID_PublicDownloads, common, u"{3D644C9B-1FB8-4f30-9B45-F670235F79C0}", u"%PUBLIC%\\Downloads"},
    {-1, &FOLDERID_Public, fixed, nullptr, u"%PUBLIC%"},
    {-1, &FOLDERID_UserProfiles, fixed, nullptr, u"%ProfilesDirectory%"},
    {CSIDL_COMMON_STARTMENU, &FOLDERID_CommonStartMenu, common, u"Common Start Menu", COMMON_START_MENU},
    {CSIDL_COMMON_PROGRAMS, &FOLDERID_CommonPrograms, common, u"Common Programs", COMMON_START_MENU u"\\Programs"},
    {CSIDL_COMMON_STARTUP, &FOLDERID_CommonStartup, common, u"Common Startup",
     COMMON_START_MENU u"\\Programs\\Startup"},
    {CSIDL_COMMON_ADMINTOOLS, &FOLDERID_CommonAdminTools, common, u"Common Administrative Tools",
     COMMON_START_MENU u"\\Programs\\Administrative Tools"},
    {CSIDL_COMMON_TEMPLATES, &FOLDERID_CommonTemplates, common, u"Common Templates",
     u"%ProgramData%\\Microsoft\\Windows\\Templates"},

    {CSIDL_PROGRAM_FILES, &FOLDERID_ProgramFiles, machine, u"ProgramFilesDir", u"%SystemDrive%\\Program Files"},
    {-1, &FOLDERID_ProgramFilesX64, machine, u"ProgramW6432Dir", u"%SystemDrive%\\Program Files"},
    {CSIDL_PROGRAM_FILESX86, &FOLDERID_ProgramFilesX86, machine, u"ProgramFilesDir (x86)",
     u"%SystemDrive%\\Program Files (x86)"},
    {CSIDL_PROGRAM_FILES_COMMON, &FOLDERID_ProgramFilesCommon, machine, u"CommonFilesDir",
     u"%SystemDrive%\\Program Files\\Common Files"},
    {-1, &FOLDERID_ProgramFilesCommonX64, machine, u"CommonW6432Dir", u"%SystemDrive%\\Program Files\\Common Files"},
    {CSIDL_PROGRAM_FILES_COMMONX86, &FOLDERID_ProgramFilesCommonX86, machine, u"CommonFilesDir (x86)",
     u"%SystemDrive%\\Program Files (x86)\\Common Files"},

    {CSIDL_WINDOWS, &FOLDERID_Windows, fixed, nullptr, u"%SystemRoot%"},
    {CSIDL_SYSTEM, &FOLDERID_System, fixed, nullptr, u"%SystemRoot%\\system32"},
    {CSIDL_SYSTEMX86, &FOLDERID_SystemX86, fixed, nullptr, u"%SystemRoot%\\SysWOW64"},
    {CSIDL_FONTS, &FOLDERID_Fonts, fixed, nullptr, u"%SystemRoot%\\Fonts"},
    {CSIDL_RESOURCES, &FOLDERID_ResourceDir, fixed, nullptr, u"%SystemRoot%\\resources"},

    {CSIDL_DRIVES, &FOLDERID_ComputerFolder, virtual_, nullptr, nullptr},
    {CSIDL_BITBUCKET, &FOLDERID_RecycleBinFolder, virtual_, nullptr, nullptr},
    {CSIDL_CONTROLS, &FOLDERID_ControlPanelFolder, virtual_, nullptr, nullptr},
    {CSIDL_NETWORK, &FOLDERID_NetworkFolder, virtual_, nullptr, nullptr},
    {CSIDL_PRINTERS, &FOLDERID_PrintersFolder, virtual_, nullptr, nullptr},
};

constexpr const WCHAR* kShellFolders = u"Software\\Microsoft\\Windows\\CurrentVersion\\Explorer\\Shell Folders";
constexpr const WCHAR* kUserShellFolders =
    u"Software\\Microsoft\\Windows\\CurrentVersion\\Explorer\\User Shell Folders";
constexpr const WCHAR* kCurrentVersion = u"Software\\Microsoft\\Windows\\CurrentVersion";
constexpr const WCHAR* kProfileList = u"Software\\Microsoft\\Windows NT\\CurrentVersion\\ProfileList";

// The default user's token, for SHGetFolderPath and SHGetKnownFolderPath.
const HANDLE kDefaultUserToken = reinterpret_cast<HANDLE>(static_cast<intptr_t>(-1));
// GetCurrentProcessToken(): any token is the prefix's one user.
const HANDLE kProcessToken = reinterpret_cast<HANDLE>(static_cast<intptr_t>(-4));

std::u16string windows_directory() {
    WCHAR buffer[260];
    UINT n = GetWindowsDirectoryW(buffer, 260);
    return n && n < 260 ? std::u16string(buffer, n) : std::u16string(u"C:\\windows");
}

std::u16string profile_of(HANDLE token) {
    WCHAR buffer[260];
    DWORD size = 260;
    BOOL found = token == kDefaultUserToken ? GetDefaultUserProfileDirectoryW(buffer, &size)
                                            : GetUserProfileDirectoryW(token ? token : kProcessToken, buffer, &size);
    return found ? std::u16string(buffer) : std::u16string();
}

// The variables a folder path may hold, taken from the token's profile and
// the registry rather than the environment; the rest from the environment
// (then *from_environment is set).
std::u16string expand(const std::u16string& text, HANDLE token, bool* from_environment) {
    std::u16string out;
    size_t i = 0;
    while (i < text.size()) {
        size_t close = text[i] == u'%' ? text.find(u'%', i + 1) : std::u16string::npos;
        if (close == std::u16string::npos) {
            out += text[i++];
            continue;
        }
        std::u16string_view name(text.data() + i + 1, close - i - 1);
        std::u16string value;
        auto profile_list = [](const WCHAR* value_name) {
            return vine::expand_environment(vine::registry_string(HKEY_LOCAL_MACHINE, kProfileList, value_name));
        };
        auto is = [name](std::u16string_view candidate) {
            return vine::paths::names_equal_ignoring_case(name, candidate);
        };
        if (is(u"USERPROFILE")) value = profile_of(token);
        else if (is(u"ProgramData") || is(u"ALLUSERSPROFILE"))
            value = profile_list(u"ProgramData");
        else if (is(u"PUBLIC"))
            value = profile_list(u"Public");
        else if (is(u"ProfilesDirectory"))
            value = profile_list(u"ProfilesDirectory");
        else if (is(u"SystemRoot") || is(u"windir"))
            value = windows_directory();
        else if (is(u"SystemDrive"))
            value = windows_directory().substr(0, 2);
        if (value.empty()) {
            value = vine::expand_environment(text.substr(i, close - i + 1));
            *from_environment = true;
        }
        out += value;
        i = close + 1;
    }
    return out;
}

std::u16string read_path(const Folder& folder, HANDLE token, bool default_path, bool* from_environment) {
    std::u16string path;
    const bool registry = !default_path && token != kDefaultUserToken && folder.value;
    switch (folder.scope) {
    case user:
    case common: {
        HKEY root = folder.scope == user ? HKEY_CURRENT_USER : HKEY_LOCAL_MACHINE;
        if (registry) path = vine::registry_string(root, kUserShellFolders, folder.value);
        if (registry && path.empty()) path = vine::registry_string(root, kShellFolders, folder.value);
        break;
    }
    case machine:
        if (!default_path) path = vine::registry_string(HKEY_LOCAL_MACHINE, kCurrentVersion, folder.value);
        break;
    case fixed:
    case virtual_:
        break;
    }
    if (path.empty() && folder.path) path = folder.path;
    return expand(path, token, from_environment);
}

// Programs ask for the same folders again and again (a Rust program's
// `dirs` crate once per file it looks at), and each answer costs several
// registry reads and a token query. An answer that came from the registry
// and the profile alone is kept while the registry's change count has not
// moved (vine/server_client.h); one that used the environment is not kept.
struct CachedPath {
    uint64_t generation;
    std::u16string path;
};
vine::Mutex g_paths_lock;
std::map<std::tuple<const Folder*, bool, bool>, CachedPath>* g_paths;  // never freed (exit-time callers)

std::u16string path_of(const Folder& folder, HANDLE token, bool default_path) {
    // Every token but the default user's names the prefix's one user.
    auto key = std::make_tuple(&folder, token == kDefaultUserToken, default_path);
    uint64_t generation = 0;
    bool cacheable = vine::client::registry_generation(generation);
    if (cacheable) {
        std::lock_guard guard(g_paths_lock);
        if (g_paths) {
            auto found = g_paths->find(key);
            if (found != g_paths->end() && found->second.generation == generation) return found->second.path;
        }
    }
    bool from_environment = false;
    std::u16string path = read_path(folder, token, default_path, &from_environment);
    if (cacheable && !from_environment) {
        std::lock_guard guard(g_paths_lock);
        if (!g_paths) g_paths = new std::map<std::tuple<const Folder*, bool, bool>, CachedPath>();
        (*g_paths)[key] = CachedPath{generation, path};
    }
    return path;
}

const Folder* by_csidl(int csidl) {
    for (const auto& folder : kFolders)
        if (folder.csidl == csidl) return &folder;
    return nullptr;
}

const Folder* by_id(const GUID& id) {
    for (const auto& folder : kFolders)
        if (*folder.id == id) return &folder;
    return nullptr;
}

// Made when asked, else checked unless told not to.
HRESULT verify(const std::u16string& path, bool create, bool dont_verify) {
    if (create) {
        DWORD error = shell32::create_directory_tree(path);
        if (error != ERROR_SUCCESS && error != ERROR_ALREADY_EXISTS) return HRESULT_FROM_WIN32(error);
        return S_OK;
    }
    if (dont_verify) return S_OK;
    DWORD attributes = GetFileAttributesW(path.c_str());
    if (attributes == INVALID_FILE_ATTRIBUTES || !(attributes & FILE_ATTRIBUTE_DIRECTORY))
        return HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND);
    return S_OK;
}

}  // namespace

VINE_EXPORT HRESULT SHGetFolderPathW(HANDLE /*window*/, int csidl, HANDLE token, DWORD flags, LPWSTR path) {
    if (!path) return E_INVALIDARG;
    *path = 0;
    if (flags != SHGFP_TYPE_CURRENT && flags != SHGFP_TYPE_DEFAULT) return E_INVALIDARG;
    const Folder* folder = by_csidl(csidl & ~CSIDL_FLAG_MASK);
    if (!folder || folder->scope == virtual_) return E_INVALIDARG;
    std::u16string result = path_of(*folder, token, flags == SHGFP_TYPE_DEFAULT);
    if (result.empty() || result.size() >= 260) return E_FAIL;
    if (HRESULT hr = verify(result, csidl & CSIDL_FLAG_CREATE, csidl & CSIDL_FLAG_DONT_VERIFY); hr != S_OK) return hr;
    std::memcpy(path, result.c_str(), (result.size() + 1) * sizeof(WCHAR));
    return S_OK;
}

VINE_EXPORT HRESULT SHGetFolderPathA(HANDLE window, int csidl, HANDLE token, DWORD flags, LPSTR path) {
    if (!path) return E_INVALIDARG;
    *path = 0;
    WCHAR wide[260];
    HRESULT hr = SHGetFolderPathW(window, csidl, token, flags, wide);
    if (hr == S_OK && !WideCharToMultiByte(CP_ACP, 0, wide, -1, path, 260, nullptr, nullptr)) return E_FAIL;
    return hr;
}

// The folder with `subdirectory` appended (made too with CSIDL_FLAG_CREATE).
VINE_EXPORT HRESULT SHGetFolderPathAndSubDirW(HANDLE window, int csidl, HANDLE token, DWORD flags,
                                              LPCWSTR subdirectory, LPWSTR path) {
    if (!path) return E_INVALIDARG;
    *path = 0;
    const int verify_flags = csidl & (CSIDL_FLAG_CREATE | CSIDL_FLAG_DONT_VERIFY);
    WCHAR folder[260];
    HRESULT hr = SHGetFolderPathW(window, (csidl & ~CSIDL_FLAG_MASK) | verify_flags, token, flags, folder);
    if (hr != S_OK) return hr;
    std::u16string result = folder;
    if (subdirectory && *subdirectory) {
        result += u'\\';
        result += subdirectory;
        if (result.size() >= 260) return HRESULT_FROM_WIN32(ERROR_FILENAME_EXCED_RANGE);
        if ((hr = verify(result, csidl & CSIDL_FLAG_CREATE, csidl & CSIDL_FLAG_DONT_VERIFY)) != S_OK) return hr;
    }
    std::memcpy(path, result.c_str(), (result.size() + 1) * sizeof(WCHAR));
    return S_OK;
}

VINE_EXPORT BOOL SHGetSpecialFolderPathW(HANDLE window, LPWSTR path, int csidl, BOOL create) {
    return SHGetFolderPathW(window, csidl | (create ? CSIDL_FLAG_CREATE : 0), nullptr, SHGFP_TYPE_CURRENT, path) ==
           S_OK;
}

VINE_EXPORT BOOL SHGetSpecialFolderPathA(HANDLE window, LPSTR path, int csidl, BOOL create) {
    return SHGetFolderPathA(window, csidl | (create ? CSIDL_FLAG_CREATE : 0), nullptr, SHGFP_TYPE_CURRENT, path) ==
           S_OK;
}

// The path in CoTaskMemAlloc'd memory, which the caller frees whatever the
// result (NULL on failure).
VINE_EXPORT HRESULT SHGetKnownFolderPath(const GUID* id, DWORD flags, HANDLE token, LPWSTR* path) {
    if (!path) return E_INVALIDARG;
    *path = nullptr;
    if (!id) return E_INVALIDARG;
    const Folder* folder = by_id(*id);
    if (!folder) return E_INVALIDARG;  // "not present on the system"
    if (folder->scope == virtual_) return E_FAIL;
    std::u16string result = path_of(*folder, token, flags & KF_FLAG_DEFAULT_PATH);
    if (result.empty()) return E_FAIL;
    if (HRESULT hr = verify(result, flags & KF_FLAG_CREATE, flags & KF_FLAG_DONT_VERIFY); hr != S_OK) return hr;
    auto* copy = static_cast<WCHAR*>(CoTaskMemAlloc((result.size() + 1) * sizeof(WCHAR)));
    if (!copy) return E_OUTOFMEMORY;
    std::memcpy(copy, result.c_str(), (result.size() + 1) * sizeof(WCHAR));
    *path = copy;
    return S_OK;
}
