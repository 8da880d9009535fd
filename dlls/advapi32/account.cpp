// Account names of SIDs and SIDs of account names: Vine's one user (its
// Unix name, in the machine's domain), the machine's "None" group, and the
// well-known groups and labels Windows names.
#include <cstring>
#include <string>

#include "advapi32_private.h"

namespace {

struct Account {
    BYTE authority;
    BYTE count;
    DWORD sub[5];
    const char16_t* name;  // nullptr: the user's name
    const char16_t* domain;  // nullptr: the machine's name
    SID_NAME_USE use;
};

constexpr Account kAccounts[] = {
    {SECURITY_NT_AUTHORITY, 5, {21, 0, 0, 0, 1000}, nullptr, nullptr, SidTypeUser},
    {SECURITY_NT_AUTHORITY, 5, {21, 0, 0, 0, 513}, u"None", nullptr, SidTypeGroup},
    {SECURITY_WORLD_SID_AUTHORITY, 1, {0}, u"Everyone", u"", SidTypeWellKnownGroup},
    {SECURITY_LOCAL_SID_AUTHORITY, 1, {0}, u"LOCAL", u"", SidTypeWellKnownGroup},
    {SECURITY_LOCAL_SID_AUTHORITY, 1, {1}, u"CONSOLE LOGON", u"", SidTypeWellKnownGroup},
    {SECURITY_CREATOR_SID_AUTHORITY, 1, {0}, u"CREATOR OWNER", u"", SidTypeWellKnownGroup},
    {SECURITY_CREATOR_SID_AUTHORITY, 1, {1}, u"CREATOR GROUP", u"", SidTypeWellKnownGroup},
    {SECURITY_NT_AUTHORITY, 1, {2}, u"NETWORK", u"NT AUTHORITY", SidTypeWellKnownGroup},
    {SECURITY_NT_AUTHORITY, 1, {4}, u"INTERACTIVE", u"NT AUTHORITY", SidTypeWellKnownGroup},
    {SECURITY_NT_AUTHORITY, 1, {6}, u"SERVICE", u"NT AUTHORITY", SidTypeWellKnownGroup},
    {SECURITY_NT_AUTHORITY, 1, {7}, u"ANONYMOUS LOGON", u"NT AUTHORITY", SidTypeWellKnownGroup},
    {SECURITY_NT_AUTHORITY, 1, {11}, u"Authenticated Users", u"NT AUTHORITY", SidTypeWellKnownGroup},
    {SECURITY_NT_AUTHORITY, 1, {15}, u"This Organization", u"NT AUTHORITY", SidTypeWellKnownGroup},
    {SECURITY_NT_AUTHORITY, 1, {18}, u"SYSTEM", u"NT AUTHORITY", SidTypeWellKnownGroup},
    {SECURITY_NT_AUTHORITY, 1, {19}, u"LOCAL SERVICE", u"NT AUTHORITY", SidTypeWellKnownGroup},
    {SECURITY_NT_AUTHORITY, 1, {20}, u"NETWORK SERVICE", u"NT AUTHORITY", SidTypeWellKnownGroup},
    {SECURITY_NT_AUTHORITY, 2, {32, 544}, u"Administrators", u"BUILTIN", SidTypeAlias},
    {SECURITY_NT_AUTHORITY, 2, {32, 545}, u"Users", u"BUILTIN", SidTypeAlias},
    {SECURITY_NT_AUTHORITY, 2, {32, 546}, u"Guests", u"BUILTIN", SidTypeAlias},
    {SECURITY_NT_AUTHORITY, 2, {32, 547}, u"Power Users", u"BUILTIN", SidTypeAlias},
    {SECURITY_MANDATORY_LABEL_AUTHORITY, 1, {0x1000}, u"Low Mandatory Level", u"Mandatory Label", SidTypeLabel},
    {SECURITY_MANDATORY_LABEL_AUTHORITY, 1, {0x2000}, u"Medium Mandatory Level", u"Mandatory Label", SidTypeLabel},
    {SECURITY_MANDATORY_LABEL_AUTHORITY, 1, {0x3000}, u"High Mandatory Level", u"Mandatory Label", SidTypeLabel},
    {SECURITY_MANDATORY_LABEL_AUTHORITY, 1, {0x4000}, u"System Mandatory Level", u"Mandatory Label", SidTypeLabel},
};

std::u16string user_name() {
    WCHAR buffer[257];
    DWORD size = 257;
    if (GetUserNameW(buffer, &size)) return std::u16string(buffer, size - 1);
    return u"user";
}

// The machine's NetBIOS name, as kernel32 reports it.
std::u16string machine_name() {
    WCHAR buffer[16];
    DWORD size = 16;
    if (GetComputerNameW(buffer, &size)) return std::u16string(buffer, size);
    return u"LOCALHOST";
}

std::u16string name_of(const Account& account) { return account.name ? account.name : user_name(); }
std::u16string domain_of(const Account& account) { return account.domain ? account.domain : machine_name(); }

bool matches(const Account& account, PSID sid) {
    alignas(4) BYTE built[SECURITY_MAX_SID_SIZE];
    SID_IDENTIFIER_AUTHORITY authority{{0, 0, 0, 0, 0, account.authority}};
    RtlInitializeSid(built, &authority, account.count);
    memcpy(reinterpret_cast<SID*>(built)->SubAuthority, account.sub, account.count * sizeof(DWORD));
    return RtlEqualSid(built, sid);
}

bool same_text(const std::u16string& a, const std::u16string& b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i) {
        auto fold = [](char16_t c) { return (c >= u'a' && c <= u'z') ? static_cast<char16_t>(c - 32) : c; };
        if (fold(a[i]) != fold(b[i])) return false;
    }
    return true;
}

// Copies `text` to a counted buffer: *chars in is its size; out, the
// length on success, or the size needed with the terminator.
bool fits(const std::u16string& text, DWORD* chars) { return *chars > text.size(); }
void put(const std::u16string& text, LPWSTR buffer, DWORD* chars) {
    memcpy(buffer, text.c_str(), (text.size() + 1) * sizeof(WCHAR));
    *chars = static_cast<DWORD>(text.size());
}

std::string narrow(const std::u16string& text) {
    std::string out(text.size() * 3 + 1, '\0');
    int n = WideCharToMultiByte(CP_UTF8, 0, reinterpret_cast<LPCWSTR>(text.c_str()), -1, out.data(),
                                static_cast<int>(out.size()), nullptr, nullptr);
    out.resize(n > 0 ? n - 1 : 0);
    return out;
}

}  // namespace

VINE_EXPORT BOOL LookupAccountSidW(LPCWSTR system, PSID sid, LPWSTR name, DWORD* name_chars, LPWSTR domain,
                                   DWORD* domain_chars, SID_NAME_USE* use) {
    (void)system;
    if (!sid || !RtlValidSid(sid) || !name_chars || !domain_chars) {
        SetLastError(sid && !RtlValidSid(sid) ? ERROR_INVALID_SID : ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    for (const Account& account : kAccounts) {
        if (!matches(account, sid)) continue;
        std::u16string account_name = name_of(account), account_domain = domain_of(account);
        if (!name || !domain || !fits(account_name, name_chars) || !fits(account_domain, domain_chars)) {
            *name_chars = static_cast<DWORD>(account_name.size() + 1);
            *domain_chars = static_cast<DWORD>(account_domain.size() + 1);
            SetLastError(ERROR_INSUFFICIENT_BUFFER);
            return FALSE;
        }
        put(account_name, name, name_chars);
        put(account_domain, domain, domain_chars);
        if (use) *use = account.use;
        return TRUE;
    }
    SetLastError(ERROR_NONE_MAPPED);
    return FALSE;
}

VINE_EXPORT BOOL LookupAccountSidA(LPCSTR system, PSID sid, LPSTR name, DWORD* name_chars, LPSTR domain,
                                   DWORD* domain_chars, SID_NAME_USE* use) {
    WCHAR wide_name[257], wide_domain[257];
    DWORD name_size = 257, domain_size = 257;
    if (!name_chars || !domain_chars) return LookupAccountSidW(nullptr, sid, nullptr, nullptr, nullptr, nullptr, use);
    if (!LookupAccountSidW(nullptr, sid, wide_name, &name_size, wide_domain, &domain_size, use)) return FALSE;
    std::string a_name = narrow(std::u16string(wide_name, name_size));
    std::string a_domain = narrow(std::u16string(wide_domain, domain_size));
    if (!name || !domain || *name_chars <= a_name.size() || *domain_chars <= a_domain.size()) {
        *name_chars = static_cast<DWORD>(a_name.size() + 1);
        *domain_chars = static_cast<DWORD>(a_domain.size() + 1);
        SetLastError(ERROR_INSUFFICIENT_BUFFER);
        return FALSE;
    }
    memcpy(name, a_name.c_str(), a_name.size() + 1);
    memcpy(domain, a_domain.c_str(), a_domain.size() + 1);
    *name_chars = static_cast<DWORD>(a_name.size());
    *domain_chars = static_cast<DWORD>(a_domain.size());
    return TRUE;
}

// "NAME" or "DOMAIN\NAME".
VINE_EXPORT BOOL LookupAccountNameW(LPCWSTR system, LPCWSTR account_name, PSID sid, DWORD* sid_size, LPWSTR domain,
                                    DWORD* domain_chars, SID_NAME_USE* use) {
    (void)system;
    if (!account_name || !sid_size || !domain_chars) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    std::u16string full(reinterpret_cast<const char16_t*>(account_name));
    std::u16string wanted_domain, wanted = full;
    bool qualified = false;
    if (size_t slash = full.find(u'\\'); slash != std::u16string::npos) {
        wanted_domain = full.substr(0, slash);
        wanted = full.substr(slash + 1);
        qualified = true;
    }
    for (const Account& account : kAccounts) {
        if (!same_text(name_of(account), wanted)) continue;
        std::u16string account_domain = domain_of(account);
        if (qualified && !same_text(account_domain, wanted_domain)) continue;
        DWORD needed = RtlLengthRequiredSid(account.count);
        if (!sid || !domain || *sid_size < needed || !fits(account_domain, domain_chars)) {
            *sid_size = needed;
            *domain_chars = static_cast<DWORD>(account_domain.size() + 1);
            SetLastError(ERROR_INSUFFICIENT_BUFFER);
            return FALSE;
        }
        SID_IDENTIFIER_AUTHORITY authority{{0, 0, 0, 0, 0, account.authority}};
        RtlInitializeSid(sid, &authority, account.count);
        memcpy(static_cast<SID*>(sid)->SubAuthority, account.sub, account.count * sizeof(DWORD));
        *sid_size = needed;
        put(account_domain, domain, domain_chars);
        if (use) *use = account.use;
        return TRUE;
    }
    SetLastError(ERROR_NONE_MAPPED);
    return FALSE;
}
