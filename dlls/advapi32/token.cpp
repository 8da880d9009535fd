// Access tokens for Win32 programs: opening, querying, copying tokens and
// adjusting their privileges (on ntdll's Nt*Token functions), privilege
// names, and token membership checks.
#include <cstring>
#include <string>
#include <vector>

#include "advapi32_private.h"
#include "vine/nt_process.h"
#include "vine/nt_file.h"

namespace {

// Privilege names by LUID (2..36), as winnt.h's SE_*_NAME strings.
constexpr const char16_t* kPrivilegeNames[] = {
    u"SeCreateTokenPrivilege", u"SeAssignPrimaryTokenPrivilege", u"SeLockMemoryPrivilege",
    u"SeIncreaseQuotaPrivilege", u"SeMachineAccountPrivilege", u"SeTcbPrivilege", u"SeSecurityPrivilege",
    u"SeTakeOwnershipPrivilege", u"SeLoadDriverPrivilege", u"SeSystemProfilePrivilege", u"SeSystemtimePrivilege",
    u"SeProfileSingleProcessPrivilege", u"SeIncreaseBasePriorityPrivilege", u"SeCreatePagefilePrivilege",
    u"SeCreatePermanentPrivilege", u"SeBackupPrivilege", u"SeRestorePrivilege", u"SeShutdownPrivilege",
    u"SeDebugPrivilege", u"SeAuditPrivilege", u"SeSystemEnvironmentPrivilege", u"SeChangeNotifyPrivilege",
    u"SeRemoteShutdownPrivilege", u"SeUndockPrivilege", u"SeSyncAgentPrivilege", u"SeEnableDelegationPrivilege",
    u"SeManageVolumePrivilege", u"SeImpersonatePrivilege", u"SeCreateGlobalPrivilege",
    u"SeTrustedCredManAccessPrivilege", u"SeRelabelPrivilege", u"SeIncreaseWorkingSetPrivilege",
    u"SeTimeZonePrivilege", u"SeCreateSymbolicLinkPrivilege", u"SeDelegateSessionUserImpersonatePrivilege",
};
static_assert(sizeof(kPrivilegeNames) / sizeof(kPrivilegeNames[0]) ==
              SE_MAX_WELL_KNOWN_PRIVILEGE - SE_MIN_WELL_KNOWN_PRIVILEGE + 1);

WCHAR fold(WCHAR c) { return (c >= u'a' && c <= u'z') ? static_cast<WCHAR>(c - 32) : c; }

bool same_name(const WCHAR* a, const char16_t* b) {
    for (; *a && *b; ++a, ++b)
        if (fold(*a) != fold(*b)) return false;
    return *a == *b;
}

size_t length_of(const char16_t* text) {
    size_t n = 0;
    while (text[n]) ++n;
    return n;
}

}  // namespace

VINE_EXPORT BOOL OpenProcessToken(HANDLE process, DWORD access, HANDLE* token) {
    return succeeded(NtOpenProcessToken(process, access, token));
}

VINE_EXPORT BOOL OpenThreadToken(HANDLE thread, DWORD access, BOOL as_self, HANDLE* token) {
    return succeeded(NtOpenThreadToken(thread, access, as_self ? 1 : 0, token));
}

VINE_EXPORT BOOL GetTokenInformation(HANDLE token, TOKEN_INFORMATION_CLASS info_class, void* info, DWORD length,
                                     DWORD* result_length) {
    ULONG needed = 0;
    NTSTATUS status = NtQueryInformationToken(token, info_class, info, length, &needed);
    if (result_length) *result_length = needed;
    return succeeded(status);
}

// TRUE also when some privileges are not held: the last error then says
// ERROR_NOT_ALL_ASSIGNED, and ERROR_SUCCESS otherwise.
VINE_EXPORT BOOL AdjustTokenPrivileges(HANDLE token, BOOL disable_all, TOKEN_PRIVILEGES* state, DWORD length,
                                       TOKEN_PRIVILEGES* previous, DWORD* result_length) {
    ULONG needed = 0;
    NTSTATUS status = NtAdjustPrivilegesToken(token, disable_all ? 1 : 0, state, length, previous,
                                              result_length ? &needed : nullptr);
    if (result_length) *result_length = needed;
    if (status < 0) return succeeded(status);
    SetLastError(status == STATUS_NOT_ALL_ASSIGNED ? ERROR_NOT_ALL_ASSIGNED : ERROR_SUCCESS);
    return TRUE;
}

VINE_EXPORT BOOL DuplicateTokenEx(HANDLE token, DWORD access, SECURITY_ATTRIBUTES* attributes,
                                  SECURITY_IMPERSONATION_LEVEL level, TOKEN_TYPE type, HANDLE* new_token) {
    SECURITY_QUALITY_OF_SERVICE qos{sizeof(qos), level, 0, 0};
    OBJECT_ATTRIBUTES object{};
    object.Length = sizeof(object);
    object.SecurityQualityOfService = &qos;
    struct SecurityAttributes {
        DWORD nLength;
        PVOID lpSecurityDescriptor;
        BOOL bInheritHandle;
    };
    if (attributes && reinterpret_cast<const SecurityAttributes*>(attributes)->bInheritHandle)
        object.Attributes |= 0x2;  // OBJ_INHERIT
    return succeeded(NtDuplicateToken(token, access, &object, 0, type, new_token));
}

VINE_EXPORT BOOL DuplicateToken(HANDLE token, SECURITY_IMPERSONATION_LEVEL level, HANDLE* new_token) {
    return DuplicateTokenEx(token, TOKEN_IMPERSONATE | TOKEN_QUERY, nullptr, level, TokenImpersonation, new_token);
}

VINE_EXPORT BOOL PrivilegeCheck(HANDLE token, PRIVILEGE_SET* privileges, BOOL* result) {
    BOOLEAN held = 0;
    if (!succeeded(NtPrivilegeCheck(token, privileges, &held))) return FALSE;
    if (result) *result = held;
    return TRUE;
}

// Impersonation: the thread's token is set with NtSetInformationThread;
// NULL returns the thread to the process's token.
namespace {
const HANDLE kCurrentThreadHandle = reinterpret_cast<HANDLE>(static_cast<intptr_t>(-2));

BOOL set_thread_token(HANDLE thread, HANDLE token) {
    return succeeded(NtSetInformationThread(thread, ThreadImpersonationToken, &token, sizeof(token)));
}
}  // namespace

// Through the pipe's FSCTL_PIPE_IMPERSONATE: every client is the one user,
// so the thread keeps the identity it has (ntdll checks the handle).
VINE_EXPORT BOOL ImpersonateNamedPipeClient(HANDLE pipe) {
    IO_STATUS_BLOCK io{};
    return succeeded(NtFsControlFile(pipe, nullptr, nullptr, nullptr, &io, vine::nt::FSCTL_PIPE_IMPERSONATE, nullptr,
                                     0, nullptr, 0));
}


VINE_EXPORT BOOL RevertToSelf() { return set_thread_token(kCurrentThreadHandle, nullptr); }

// thread NULL: the calling thread.
VINE_EXPORT BOOL SetThreadToken(HANDLE* thread, HANDLE token) {
    return set_thread_token(thread ? *thread : kCurrentThreadHandle, token);
}

// The process's token, as an impersonation token of `level`, for the thread.
VINE_EXPORT BOOL ImpersonateSelf(SECURITY_IMPERSONATION_LEVEL level) {
    HANDLE process = nullptr, copy = nullptr;
    if (!OpenProcessToken(reinterpret_cast<HANDLE>(-1), TOKEN_DUPLICATE, &process)) return FALSE;
    BOOL ok = DuplicateTokenEx(process, TOKEN_IMPERSONATE | TOKEN_QUERY | TOKEN_ADJUST_PRIVILEGES, nullptr, level,
                               TokenImpersonation, &copy);
    CloseHandle(process);
    if (!ok) return FALSE;
    ok = set_thread_token(kCurrentThreadHandle, copy);
    CloseHandle(copy);
    return ok;
}

// A primary token is first copied as an impersonation token.
VINE_EXPORT BOOL ImpersonateLoggedOnUser(HANDLE token) {
    TOKEN_TYPE type;
    DWORD size = 0;
    if (!GetTokenInformation(token, TokenType, &type, sizeof(type), &size)) return FALSE;
    if (type == TokenImpersonation) return set_thread_token(kCurrentThreadHandle, token);
    HANDLE copy = nullptr;
    if (!DuplicateTokenEx(token, TOKEN_IMPERSONATE | TOKEN_QUERY, nullptr, SecurityImpersonation, TokenImpersonation,
                          &copy))
        return FALSE;
    BOOL ok = set_thread_token(kCurrentThreadHandle, copy);
    CloseHandle(copy);
    return ok;
}

VINE_EXPORT BOOL ImpersonateAnonymousToken(HANDLE thread) { return succeeded(NtImpersonateAnonymousToken(thread)); }

VINE_EXPORT BOOL SetTokenInformation(HANDLE token, TOKEN_INFORMATION_CLASS info_class, void* info, DWORD length) {
    return succeeded(NtSetInformationToken(token, info_class, info, length));
}

VINE_EXPORT BOOL LookupPrivilegeValueW(LPCWSTR system, LPCWSTR name, LUID* luid) {
    (void)system;  // the local machine's privileges are everyone's
    if (!name || !luid) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    for (DWORD i = 0; i < sizeof(kPrivilegeNames) / sizeof(kPrivilegeNames[0]); ++i)
        if (same_name(name, kPrivilegeNames[i])) {
            *luid = {SE_MIN_WELL_KNOWN_PRIVILEGE + i, 0};
            return TRUE;
        }
    SetLastError(ERROR_NO_SUCH_PRIVILEGE);
    return FALSE;
}

VINE_EXPORT BOOL LookupPrivilegeValueA(LPCSTR system, LPCSTR name, LUID* luid) {
    if (!name) return LookupPrivilegeValueW(nullptr, nullptr, luid);
    std::u16string wide = widen_ascii(name);
    return LookupPrivilegeValueW(nullptr, wide.c_str(), luid);
}

// *chars: in, the buffer's size; out, the name's length, or the size
// needed (with the terminator) when the buffer is too small.
VINE_EXPORT BOOL LookupPrivilegeNameW(LPCWSTR system, LUID* luid, LPWSTR name, DWORD* chars) {
    (void)system;
    if (!luid || !chars) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    if (luid->HighPart || luid->LowPart < SE_MIN_WELL_KNOWN_PRIVILEGE || luid->LowPart > SE_MAX_WELL_KNOWN_PRIVILEGE) {
        SetLastError(ERROR_NO_SUCH_PRIVILEGE);
        return FALSE;
    }
    const char16_t* text = kPrivilegeNames[luid->LowPart - SE_MIN_WELL_KNOWN_PRIVILEGE];
    DWORD length = static_cast<DWORD>(length_of(text));
    if (!name || *chars <= length) {
        *chars = length + 1;
        SetLastError(ERROR_INSUFFICIENT_BUFFER);
        return FALSE;
    }
    memcpy(name, text, (length + 1) * sizeof(WCHAR));
    *chars = length;
    return TRUE;
}

VINE_EXPORT BOOL LookupPrivilegeNameA(LPCSTR system, LUID* luid, LPSTR name, DWORD* chars) {
    if (!chars) return LookupPrivilegeNameW(nullptr, luid, nullptr, nullptr);
    WCHAR wide[64];
    DWORD wide_chars = 64;
    if (!LookupPrivilegeNameW(nullptr, luid, wide, &wide_chars)) return FALSE;
    if (!name || *chars <= wide_chars) {
        *chars = wide_chars + 1;
        SetLastError(ERROR_INSUFFICIENT_BUFFER);
        return FALSE;
    }
    for (DWORD i = 0; i <= wide_chars; ++i) name[i] = static_cast<char>(wide[i]);  // ASCII names
    *chars = wide_chars;
    return TRUE;
}

// Whether `sid` is the token's user or one of its enabled groups. A token
// given must be an impersonation token; NULL means the caller's effective
// token.
VINE_EXPORT BOOL CheckTokenMembership(HANDLE token, PSID sid, BOOL* is_member) {
    if (!sid || !is_member) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    *is_member = FALSE;
    if (token) {
        TOKEN_TYPE type;
        DWORD size;
        if (!GetTokenInformation(token, TokenType, &type, sizeof(type), &size)) return FALSE;
        if (type != TokenImpersonation) {
            SetLastError(ERROR_NO_IMPERSONATION_TOKEN);
            return FALSE;
        }
    } else {
        token = kCurrentThreadEffectiveToken;
    }
    alignas(8) BYTE user[128];
    DWORD size = 0;
    if (!GetTokenInformation(token, TokenUser, user, sizeof(user), &size)) return FALSE;
    if (RtlEqualSid(reinterpret_cast<TOKEN_USER*>(user)->User.Sid, sid)) {
        *is_member = TRUE;
        return TRUE;
    }
    GetTokenInformation(token, TokenGroups, nullptr, 0, &size);
    std::vector<uint64_t> buffer((size + 7) / 8);
    if (!GetTokenInformation(token, TokenGroups, buffer.data(), size, &size)) return FALSE;
    const auto* groups = reinterpret_cast<const TOKEN_GROUPS*>(buffer.data());
    for (DWORD i = 0; i < groups->GroupCount; ++i) {
        DWORD attributes = groups->Groups[i].Attributes;
        if ((attributes & SE_GROUP_ENABLED) && !(attributes & SE_GROUP_USE_FOR_DENY_ONLY) &&
            RtlEqualSid(groups->Groups[i].Sid, sid)) {
            *is_member = TRUE;
            break;
        }
    }
    return TRUE;
}
