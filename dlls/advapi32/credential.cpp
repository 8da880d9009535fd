// The credential manager (CredWrite, CredRead, CredDelete, CredEnumerate,
// CredFree), kept in the user's registry: one key per credential under
// HKCU\Software\Vine\Credentials, named by its type and target name
// ("1-server", with '\' and '%' written as %5C and %25), so that target
// names compare without case, as Windows compares them. Credentials
// persisted for the session only (CRED_PERSIST_SESSION) go in a volatile
// key beside it, which ends with the server. Vine has no CryptProtectData
// (no crypt32) and no per-user secret to derive a key from, so the blobs
// are stored as they are, readable by whoever can read user.reg, as
// Wine's are.
#include <cstring>
#include <string>
#include <vector>

#include "advapi32_private.h"
#include "vine/advapi32_exports.h"
#include "vine/credential.h"

namespace {

constexpr const char16_t* kStoredKey = u"Software\\Vine\\Credentials";
constexpr const char16_t* kSessionKey = u"Software\\Vine\\Credentials (session)";
constexpr ULONG kVolatile = 1;  // REG_OPTION_VOLATILE
constexpr REGSAM kKeyAllAccess = 0xf003f;

size_t length_of(const WCHAR* text) {
    size_t n = 0;
    while (text && text[n]) ++n;
    return n;
}

std::u16string key_name(DWORD type, const WCHAR* target) {
    std::u16string name = std::u16string(1, static_cast<char16_t>(u'0' + type)) + u"-";
    for (const WCHAR* p = target; *p; ++p) {
        if (*p == u'\\')
            name += u"%5C";
        else if (*p == u'%')
            name += u"%25";
        else
            name += *p;
    }
    return name;
}

HKEY open_store(bool session, bool create) {
    HKEY key = nullptr;
    LSTATUS error = create ? RegCreateKeyExW(HKEY_CURRENT_USER, session ? kSessionKey : kStoredKey, 0, nullptr,
                                             session ? kVolatile : 0, kKeyAllAccess, nullptr, &key, nullptr)
                           : RegOpenKeyExW(HKEY_CURRENT_USER, session ? kSessionKey : kStoredKey, 0, kKeyAllAccess,
                                           &key);
    return error ? nullptr : key;
}

// One credential as read from its key.
struct Stored {
    DWORD flags = 0, type = 0, persist = 0;
    std::u16string target, comment, alias, user;
    uint64_t written = 0;
    std::vector<BYTE> blob;
    struct Attribute {
        std::u16string keyword;
        DWORD flags;
        std::vector<BYTE> value;
    };
    std::vector<Attribute> attributes;
};

bool read_string(HKEY key, const char16_t* name, std::u16string& out) {
    DWORD type = 0, size = 0;
    if (RegQueryValueExW(key, name, nullptr, &type, nullptr, &size) || type != REG_SZ) return false;
    std::vector<char16_t> buffer(size / 2 + 1);
    if (RegQueryValueExW(key, name, nullptr, &type, reinterpret_cast<BYTE*>(buffer.data()), &size)) return false;
    buffer[size / 2] = 0;
    out = buffer.data();
    return true;
}

void read_bytes(HKEY key, const char16_t* name, std::vector<BYTE>& out) {
    DWORD type = 0, size = 0;
    out.clear();
    if (RegQueryValueExW(key, name, nullptr, &type, nullptr, &size) || !size) return;
    out.resize(size);
    if (RegQueryValueExW(key, name, nullptr, &type, out.data(), &size)) out.clear();
    out.resize(size);
}

DWORD read_dword(HKEY key, const char16_t* name) {
    DWORD value = 0, size = sizeof(value);
    RegQueryValueExW(key, name, nullptr, nullptr, reinterpret_cast<BYTE*>(&value), &size);
    return value;
}

// Attributes are one REG_BINARY value: per attribute, the keyword's length
// in characters, the flags, the value's size, then the keyword and value.
std::vector<BYTE> pack_attributes(const CREDENTIALW& cred) {
    std::vector<BYTE> out;
    auto put = [&](const void* data, size_t size) {
        const BYTE* bytes = static_cast<const BYTE*>(data);
        out.insert(out.end(), bytes, bytes + size);
    };
    for (DWORD i = 0; i < cred.AttributeCount; ++i) {
        const CREDENTIAL_ATTRIBUTEW& a = cred.Attributes[i];
        DWORD chars = static_cast<DWORD>(length_of(a.Keyword));
        put(&chars, 4);
        put(&a.Flags, 4);
        put(&a.ValueSize, 4);
        put(a.Keyword, chars * 2);
        if (a.ValueSize) put(a.Value, a.ValueSize);
    }
    return out;
}

void unpack_attributes(const std::vector<BYTE>& bytes, std::vector<Stored::Attribute>& out) {
    size_t at = 0;
    while (bytes.size() - at >= 12) {
        DWORD chars, flags, size;
        memcpy(&chars, &bytes[at], 4);
        memcpy(&flags, &bytes[at + 4], 4);
        memcpy(&size, &bytes[at + 8], 4);
        at += 12;
        if (chars > CRED_MAX_STRING_LENGTH || size > CRED_MAX_VALUE_SIZE || bytes.size() - at < chars * 2u + size)
            return;  // damaged: keep what was whole
        Stored::Attribute attribute;
        attribute.keyword.assign(reinterpret_cast<const char16_t*>(&bytes[at]), chars);
        attribute.flags = flags;
        attribute.value.assign(bytes.begin() + at + chars * 2, bytes.begin() + at + chars * 2 + size);
        at += chars * 2u + size;
        out.push_back(std::move(attribute));
    }
}

bool read_credential(HKEY store, const std::u16string& name, Stored& out) {
    HKEY key = nullptr;
    if (RegOpenKeyExW(store, name.c_str(), 0, KEY_READ, &key)) return false;
    bool ok = read_string(key, u"TargetName", out.target);
    out.type = read_dword(key, u"Type");
    out.flags = read_dword(key, u"Flags");
    out.persist = read_dword(key, u"Persist");
    read_string(key, u"Comment", out.comment);
    read_string(key, u"TargetAlias", out.alias);
    read_string(key, u"UserName", out.user);
    std::vector<BYTE> bytes;
    read_bytes(key, u"LastWritten", bytes);
    if (bytes.size() == 8) memcpy(&out.written, bytes.data(), 8);
    read_bytes(key, u"CredentialBlob", out.blob);
    read_bytes(key, u"Attributes", bytes);
    unpack_attributes(bytes, out.attributes);
    RegCloseKey(key);
    return ok;
}

// Finds a credential in the session store, then the persisted one.
bool find(DWORD type, const WCHAR* target, Stored& out, bool* in_session = nullptr) {
    std::u16string name = key_name(type, target);
    for (bool session : {true, false}) {
        HKEY store = open_store(session, false);
        if (!store) continue;
        bool found = read_credential(store, name, out);
        RegCloseKey(store);
        if (found) {
            if (in_session) *in_session = session;
            return true;
        }
    }
    return false;
}

// Every credential of both stores.
std::vector<Stored> all_credentials() {
    std::vector<Stored> out;
    for (bool session : {true, false}) {
        HKEY store = open_store(session, false);
        if (!store) continue;
        WCHAR name[400];
        for (DWORD i = 0;; ++i) {
            DWORD chars = 400;
            if (RegEnumKeyExW(store, i, name, &chars, nullptr, nullptr, nullptr, nullptr)) break;
            Stored cred;
            if (read_credential(store, name, cred)) out.push_back(std::move(cred));
        }
        RegCloseKey(store);
    }
    return out;
}

// Lays credentials out in one block that CredFree releases: the array of
// pointers (when `array`), then each CREDENTIALW with its strings and data.
class Block {
public:
    void add(size_t size) { size_ += (size + 7) & ~size_t{7}; }
    bool allocate() {
        base_ = static_cast<BYTE*>(LocalAlloc(0, size_ ? size_ : 8));
        return base_ != nullptr;
    }
    void* take(size_t size) {
        void* at = base_ + used_;
        used_ += (size + 7) & ~size_t{7};
        return at;
    }
    BYTE* base() const { return base_; }

private:
    size_t size_ = 0, used_ = 0;
    BYTE* base_ = nullptr;
};

void measure(const Stored& cred, Block& block) {
    block.add(sizeof(CREDENTIALW));
    for (const std::u16string* text : {&cred.target, &cred.comment, &cred.alias, &cred.user})
        if (!text->empty() || text == &cred.target) block.add((text->size() + 1) * 2);
    block.add(cred.blob.size());
    block.add(cred.attributes.size() * sizeof(CREDENTIAL_ATTRIBUTEW));
    for (const auto& a : cred.attributes) {
        block.add((a.keyword.size() + 1) * 2);
        block.add(a.value.size());
    }
}

WCHAR* place_string(Block& block, const std::u16string& text) {
    auto* out = static_cast<WCHAR*>(block.take((text.size() + 1) * 2));
    memcpy(out, text.c_str(), (text.size() + 1) * 2);
    return out;
}

// Domain passwords are for the system's authentication packages: programs
// read everything of them but the password.
bool blob_readable(const Stored& cred) { return cred.type != CRED_TYPE_DOMAIN_PASSWORD; }

CREDENTIALW* place(const Stored& cred, Block& block) {
    auto* out = static_cast<CREDENTIALW*>(block.take(sizeof(CREDENTIALW)));
    memset(out, 0, sizeof(*out));
    out->Flags = cred.flags;
    out->Type = cred.type;
    out->Persist = cred.persist;
    out->TargetName = place_string(block, cred.target);
    if (!cred.comment.empty()) out->Comment = place_string(block, cred.comment);
    if (!cred.alias.empty()) out->TargetAlias = place_string(block, cred.alias);
    if (!cred.user.empty()) out->UserName = place_string(block, cred.user);
    out->LastWritten.dwLowDateTime = static_cast<DWORD>(cred.written);
    out->LastWritten.dwHighDateTime = static_cast<DWORD>(cred.written >> 32);
    if (blob_readable(cred) && !cred.blob.empty()) {
        out->CredentialBlobSize = static_cast<DWORD>(cred.blob.size());
        out->CredentialBlob = static_cast<BYTE*>(block.take(cred.blob.size()));
        memcpy(out->CredentialBlob, cred.blob.data(), cred.blob.size());
    } else {
        block.take(cred.blob.size());
    }
    out->AttributeCount = static_cast<DWORD>(cred.attributes.size());
    if (!cred.attributes.empty()) {
        out->Attributes = static_cast<CREDENTIAL_ATTRIBUTEW*>(
            block.take(cred.attributes.size() * sizeof(CREDENTIAL_ATTRIBUTEW)));
        for (size_t i = 0; i < cred.attributes.size(); ++i) {
            const auto& a = cred.attributes[i];
            CREDENTIAL_ATTRIBUTEW& slot = out->Attributes[i];
            slot.Keyword = place_string(block, a.keyword);
            slot.Flags = a.flags;
            slot.ValueSize = static_cast<DWORD>(a.value.size());
            slot.Value = static_cast<BYTE*>(block.take(a.value.size()));
            if (!a.value.empty()) memcpy(slot.Value, a.value.data(), a.value.size());
        }
    }
    return out;
}

WCHAR fold(WCHAR c) { return (c >= u'a' && c <= u'z') ? static_cast<WCHAR>(c - 32) : c; }

// CredEnumerate's filter: a name, or a prefix followed by '*'.
bool matches(const std::u16string& target, const WCHAR* filter) {
    if (!filter) return true;
    size_t n = length_of(filter);
    bool prefix = n && filter[n - 1] == u'*';
    if (prefix) --n;
    if (target.size() < n || (!prefix && target.size() != n)) return false;
    for (size_t i = 0; i < n; ++i)
        if (fold(target[i]) != fold(filter[i])) return false;
    return true;
}

bool valid_type(DWORD type) { return type >= CRED_TYPE_GENERIC && type < CRED_TYPE_MAXIMUM; }

LSTATUS set_string(HKEY key, const char16_t* name, const WCHAR* text) {
    if (!text || !*text) return ERROR_SUCCESS;  // the key is new: nothing to remove
    return RegSetValueExW(key, name, 0, REG_SZ, reinterpret_cast<const BYTE*>(text),
                          static_cast<DWORD>((length_of(text) + 1) * 2));
}

DWORD write_credential(const CREDENTIALW& cred, const std::vector<BYTE>& blob) {
    HKEY store = open_store(cred.Persist == CRED_PERSIST_SESSION, true);
    if (!store) return ERROR_NO_SUCH_LOGON_SESSION;
    // A credential moves between the stores when its persistence changes.
    HKEY other = open_store(cred.Persist != CRED_PERSIST_SESSION, false);
    std::u16string name = key_name(cred.Type, cred.TargetName);
    if (other) {
        RegDeleteTreeW(other, name.c_str());
        RegCloseKey(other);
    }
    RegDeleteTreeW(store, name.c_str());
    HKEY key = nullptr;
    LSTATUS error = RegCreateKeyExW(store, name.c_str(), 0, nullptr, cred.Persist == CRED_PERSIST_SESSION ? kVolatile : 0,
                                    kKeyAllAccess, nullptr, &key, nullptr);
    RegCloseKey(store);
    if (error) return static_cast<DWORD>(error);
    FILETIME now;
    GetSystemTimeAsFileTime(&now);
    uint64_t written = (uint64_t{now.dwHighDateTime} << 32) | now.dwLowDateTime;
    std::vector<BYTE> attributes = pack_attributes(cred);
    DWORD flags = cred.Flags & ~CRED_FLAGS_PROMPT_NOW;
    if (!error) error = set_string(key, u"TargetName", cred.TargetName);
    if (!error) error = RegSetValueExW(key, u"Type", 0, REG_DWORD, reinterpret_cast<const BYTE*>(&cred.Type), 4);
    if (!error) error = RegSetValueExW(key, u"Flags", 0, REG_DWORD, reinterpret_cast<const BYTE*>(&flags), 4);
    if (!error) error = RegSetValueExW(key, u"Persist", 0, REG_DWORD, reinterpret_cast<const BYTE*>(&cred.Persist), 4);
    if (!error) error = set_string(key, u"Comment", cred.Comment);
    if (!error) error = set_string(key, u"TargetAlias", cred.TargetAlias);
    if (!error) error = set_string(key, u"UserName", cred.UserName);
    if (!error) error = RegSetValueExW(key, u"LastWritten", 0, REG_BINARY, reinterpret_cast<const BYTE*>(&written), 8);
    if (!error)
        error = RegSetValueExW(key, u"CredentialBlob", 0, REG_BINARY, blob.data(), static_cast<DWORD>(blob.size()));
    if (!error)
        error = RegSetValueExW(key, u"Attributes", 0, REG_BINARY, attributes.data(),
                               static_cast<DWORD>(attributes.size()));
    RegCloseKey(key);
    return static_cast<DWORD>(error);
}

// ---- the A forms ----
std::string to_narrow(const WCHAR* text) {
    if (!text) return {};
    int bytes = WideCharToMultiByte(0, 0, text, -1, nullptr, 0, nullptr, nullptr);
    std::string out(bytes > 0 ? static_cast<size_t>(bytes) : 1, '\0');
    if (bytes > 0) WideCharToMultiByte(0, 0, text, -1, out.data(), bytes, nullptr, nullptr);
    out.resize(out.size() - 1);
    return out;
}

// CREDENTIALW blocks re-laid as CREDENTIALA ones.
class NarrowBlock {
public:
    void add(size_t size) { size_ += (size + 7) & ~size_t{7}; }
    void add_string(const WCHAR* text) {
        if (text) add(to_narrow(text).size() + 1);
    }
    void measure(const CREDENTIALW& cred) {
        add(sizeof(CREDENTIALA));
        for (const WCHAR* text : {cred.TargetName, cred.Comment, cred.TargetAlias, cred.UserName}) add_string(text);
        add(cred.CredentialBlobSize);
        add(cred.AttributeCount * sizeof(CREDENTIAL_ATTRIBUTEA));
        for (DWORD i = 0; i < cred.AttributeCount; ++i) {
            add_string(cred.Attributes[i].Keyword);
            add(cred.Attributes[i].ValueSize);
        }
    }
    bool allocate() {
        base_ = static_cast<BYTE*>(LocalAlloc(0, size_ ? size_ : 8));
        return base_ != nullptr;
    }
    void* take(size_t size) {
        void* at = base_ + used_;
        used_ += (size + 7) & ~size_t{7};
        return at;
    }
    LPSTR string(const WCHAR* text) {
        if (!text) return nullptr;
        std::string narrow = to_narrow(text);
        auto* out = static_cast<LPSTR>(take(narrow.size() + 1));
        memcpy(out, narrow.c_str(), narrow.size() + 1);
        return out;
    }
    CREDENTIALA* place(const CREDENTIALW& cred) {
        auto* out = static_cast<CREDENTIALA*>(take(sizeof(CREDENTIALA)));
        memset(out, 0, sizeof(*out));
        out->Flags = cred.Flags;
        out->Type = cred.Type;
        out->Persist = cred.Persist;
        out->LastWritten = cred.LastWritten;
        out->TargetName = string(cred.TargetName);
        out->Comment = string(cred.Comment);
        out->TargetAlias = string(cred.TargetAlias);
        out->UserName = string(cred.UserName);
        out->CredentialBlobSize = cred.CredentialBlobSize;
        if (cred.CredentialBlobSize) {
            out->CredentialBlob = static_cast<BYTE*>(take(cred.CredentialBlobSize));
            memcpy(out->CredentialBlob, cred.CredentialBlob, cred.CredentialBlobSize);
        }
        out->AttributeCount = cred.AttributeCount;
        if (cred.AttributeCount) {
            out->Attributes =
                static_cast<CREDENTIAL_ATTRIBUTEA*>(take(cred.AttributeCount * sizeof(CREDENTIAL_ATTRIBUTEA)));
            for (DWORD i = 0; i < cred.AttributeCount; ++i) {
                out->Attributes[i].Keyword = string(cred.Attributes[i].Keyword);
                out->Attributes[i].Flags = cred.Attributes[i].Flags;
                out->Attributes[i].ValueSize = cred.Attributes[i].ValueSize;
                out->Attributes[i].Value = static_cast<BYTE*>(take(cred.Attributes[i].ValueSize));
                if (cred.Attributes[i].ValueSize)
                    memcpy(out->Attributes[i].Value, cred.Attributes[i].Value, cred.Attributes[i].ValueSize);
            }
        }
        return out;
    }
    BYTE* base() const { return base_; }

private:
    size_t size_ = 0, used_ = 0;
    BYTE* base_ = nullptr;
};

}  // namespace

VINE_EXPORT BOOL CredWriteW(const CREDENTIALW* cred, DWORD flags) {
    if (!cred || !cred->TargetName || !*cred->TargetName) return fail_with(ERROR_INVALID_PARAMETER);
    if (flags & ~CRED_PRESERVE_CREDENTIAL_BLOB) return fail_with(ERROR_INVALID_FLAGS);
    if (cred->Flags & ~CRED_FLAGS_VALID_FLAGS) return fail_with(ERROR_INVALID_FLAGS);
    if (!valid_type(cred->Type)) return fail_with(ERROR_INVALID_PARAMETER);
    if (cred->Persist < CRED_PERSIST_SESSION || cred->Persist > CRED_PERSIST_ENTERPRISE)
        return fail_with(ERROR_INVALID_PARAMETER);
    size_t target_limit =
        cred->Type == CRED_TYPE_GENERIC ? CRED_MAX_GENERIC_TARGET_NAME_LENGTH : CRED_MAX_DOMAIN_TARGET_NAME_LENGTH;
    if (length_of(cred->TargetName) > target_limit || length_of(cred->Comment) > CRED_MAX_STRING_LENGTH ||
        length_of(cred->TargetAlias) > CRED_MAX_STRING_LENGTH)
        return fail_with(ERROR_INVALID_PARAMETER);
    if (length_of(cred->UserName) > CRED_MAX_USERNAME_LENGTH) return fail_with(ERROR_BAD_USERNAME);
    // Domain credentials name the account they are for.
    if (cred->Type != CRED_TYPE_GENERIC && cred->Type != CRED_TYPE_GENERIC_CERTIFICATE &&
        (!cred->UserName || !*cred->UserName))
        return fail_with(ERROR_BAD_USERNAME);
    if (cred->CredentialBlobSize > CRED_MAX_CREDENTIAL_BLOB_SIZE || (cred->CredentialBlobSize && !cred->CredentialBlob))
        return fail_with(ERROR_INVALID_PARAMETER);
    if (cred->AttributeCount > CRED_MAX_ATTRIBUTES || (cred->AttributeCount && !cred->Attributes))
        return fail_with(ERROR_INVALID_PARAMETER);
    for (DWORD i = 0; i < cred->AttributeCount; ++i) {
        const CREDENTIAL_ATTRIBUTEW& a = cred->Attributes[i];
        if (!a.Keyword || length_of(a.Keyword) > CRED_MAX_STRING_LENGTH || a.ValueSize > CRED_MAX_VALUE_SIZE ||
            (a.ValueSize && !a.Value))
            return fail_with(ERROR_INVALID_PARAMETER);
    }
    std::vector<BYTE> blob(cred->CredentialBlob, cred->CredentialBlob + cred->CredentialBlobSize);
    if (flags & CRED_PRESERVE_CREDENTIAL_BLOB) {
        Stored existing;
        if (!find(cred->Type, cred->TargetName, existing)) return fail_with(ERROR_NOT_FOUND);
        blob = existing.blob;
    }
    if (DWORD error = write_credential(*cred, blob)) return fail_with(error);
    return TRUE;
}

VINE_EXPORT BOOL CredReadW(LPCWSTR target, DWORD type, DWORD flags, CREDENTIALW** out) {
    if (!target || !out) return fail_with(ERROR_INVALID_PARAMETER);
    if (flags) return fail_with(ERROR_INVALID_FLAGS);
    if (!valid_type(type)) return fail_with(ERROR_INVALID_PARAMETER);
    Stored cred;
    if (!find(type, target, cred)) return fail_with(ERROR_NOT_FOUND);
    Block block;
    measure(cred, block);
    if (!block.allocate()) return fail_with(ERROR_NOT_ENOUGH_MEMORY);
    *out = place(cred, block);
    return TRUE;
}

VINE_EXPORT BOOL CredDeleteW(LPCWSTR target, DWORD type, DWORD flags) {
    if (!target) return fail_with(ERROR_INVALID_PARAMETER);
    if (flags) return fail_with(ERROR_INVALID_FLAGS);
    if (!valid_type(type)) return fail_with(ERROR_INVALID_PARAMETER);
    std::u16string name = key_name(type, target);
    bool deleted = false;
    for (bool session : {true, false}) {
        HKEY store = open_store(session, false);
        if (!store) continue;
        if (!RegDeleteTreeW(store, name.c_str())) deleted = true;
        RegCloseKey(store);
    }
    return deleted ? TRUE : fail_with(ERROR_NOT_FOUND);
}

VINE_EXPORT BOOL CredEnumerateW(LPCWSTR filter, DWORD flags, DWORD* count, CREDENTIALW*** out) {
    if (!count || !out) return fail_with(ERROR_INVALID_PARAMETER);
    if (flags & ~CRED_ENUMERATE_ALL_CREDENTIALS) return fail_with(ERROR_INVALID_FLAGS);
    if ((flags & CRED_ENUMERATE_ALL_CREDENTIALS) && filter) return fail_with(ERROR_INVALID_FLAGS);
    std::vector<Stored> found;
    for (Stored& cred : all_credentials())
        if (matches(cred.target, filter)) found.push_back(std::move(cred));
    if (found.empty()) return fail_with(ERROR_NOT_FOUND);
    Block block;
    block.add(found.size() * sizeof(CREDENTIALW*));
    for (const Stored& cred : found) measure(cred, block);
    if (!block.allocate()) return fail_with(ERROR_NOT_ENOUGH_MEMORY);
    auto** array = static_cast<CREDENTIALW**>(block.take(found.size() * sizeof(CREDENTIALW*)));
    for (size_t i = 0; i < found.size(); ++i) array[i] = place(found[i], block);
    *count = static_cast<DWORD>(found.size());
    *out = array;
    return TRUE;
}

VINE_EXPORT void CredFree(void* buffer) { LocalFree(buffer); }

VINE_EXPORT BOOL CredWriteA(const CREDENTIALA* cred, DWORD flags) {
    if (!cred) return fail_with(ERROR_INVALID_PARAMETER);
    std::u16string target = widen_acp(cred->TargetName), comment = widen_acp(cred->Comment),
                   alias = widen_acp(cred->TargetAlias), user = widen_acp(cred->UserName);
    std::vector<std::u16string> keywords(cred->Attributes ? cred->AttributeCount : 0);
    std::vector<CREDENTIAL_ATTRIBUTEW> attributes(keywords.size());
    for (size_t i = 0; i < keywords.size(); ++i) {
        keywords[i] = widen_acp(cred->Attributes[i].Keyword);
        attributes[i] = {cred->Attributes[i].Keyword ? keywords[i].data() : nullptr, cred->Attributes[i].Flags,
                         cred->Attributes[i].ValueSize, cred->Attributes[i].Value};
    }
    CREDENTIALW wide{};
    wide.Flags = cred->Flags;
    wide.Type = cred->Type;
    wide.TargetName = cred->TargetName ? target.data() : nullptr;
    wide.Comment = cred->Comment ? comment.data() : nullptr;
    wide.CredentialBlobSize = cred->CredentialBlobSize;
    wide.CredentialBlob = cred->CredentialBlob;
    wide.Persist = cred->Persist;
    wide.AttributeCount = cred->AttributeCount;
    wide.Attributes = cred->Attributes ? attributes.data() : nullptr;
    wide.TargetAlias = cred->TargetAlias ? alias.data() : nullptr;
    wide.UserName = cred->UserName ? user.data() : nullptr;
    return CredWriteW(&wide, flags);
}

VINE_EXPORT BOOL CredReadA(LPCSTR target, DWORD type, DWORD flags, CREDENTIALA** out) {
    if (!target || !out) return fail_with(ERROR_INVALID_PARAMETER);
    std::u16string wide_target = widen_acp(target);
    CREDENTIALW* wide = nullptr;
    if (!CredReadW(wide_target.c_str(), type, flags, &wide)) return FALSE;
    NarrowBlock block;
    block.measure(*wide);
    if (!block.allocate()) {
        CredFree(wide);
        return fail_with(ERROR_NOT_ENOUGH_MEMORY);
    }
    *out = block.place(*wide);
    CredFree(wide);
    return TRUE;
}

VINE_EXPORT BOOL CredDeleteA(LPCSTR target, DWORD type, DWORD flags) {
    if (!target) return fail_with(ERROR_INVALID_PARAMETER);
    std::u16string wide = widen_acp(target);
    return CredDeleteW(wide.c_str(), type, flags);
}

VINE_EXPORT BOOL CredEnumerateA(LPCSTR filter, DWORD flags, DWORD* count, CREDENTIALA*** out) {
    if (!count || !out) return fail_with(ERROR_INVALID_PARAMETER);
    std::u16string wide_filter = widen_acp(filter);
    CREDENTIALW** wide = nullptr;
    DWORD found = 0;
    if (!CredEnumerateW(filter ? wide_filter.c_str() : nullptr, flags, &found, &wide)) return FALSE;
    NarrowBlock block;
    block.add(found * sizeof(CREDENTIALA*));
    for (DWORD i = 0; i < found; ++i) block.measure(*wide[i]);
    if (!block.allocate()) {
        CredFree(wide);
        return fail_with(ERROR_NOT_ENOUGH_MEMORY);
    }
    auto** array = static_cast<CREDENTIALA**>(block.take(found * sizeof(CREDENTIALA*)));
    for (DWORD i = 0; i < found; ++i) array[i] = block.place(*wide[i]);
    CredFree(wide);
    *count = found;
    *out = array;
    return TRUE;
}
