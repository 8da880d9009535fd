// Security descriptors as SDDL strings ("O:BAG:SYD:P(A;OICI;FA;;;BA)"):
// parsing one into a self-relative descriptor and printing a descriptor
// back, in the forms Windows reads and writes (the Security Descriptor
// Definition Language, revision 1).
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "advapi32_private.h"

namespace {

constexpr DWORD SDDL_REVISION_1 = 1;

struct Code {
    const char16_t* text;
    DWORD value;
};

constexpr Code kAceTypes[] = {
    {u"A", ACCESS_ALLOWED_ACE_TYPE},         {u"D", ACCESS_DENIED_ACE_TYPE},
    {u"AU", SYSTEM_AUDIT_ACE_TYPE},          {u"AL", SYSTEM_ALARM_ACE_TYPE},
    {u"OA", ACCESS_ALLOWED_OBJECT_ACE_TYPE}, {u"OD", ACCESS_DENIED_OBJECT_ACE_TYPE},
    {u"OU", SYSTEM_AUDIT_OBJECT_ACE_TYPE},   {u"OL", SYSTEM_ALARM_OBJECT_ACE_TYPE},
    {u"ML", SYSTEM_MANDATORY_LABEL_ACE_TYPE},
};

// In the order Windows prints them.
constexpr Code kAceFlags[] = {
    {u"OI", OBJECT_INHERIT_ACE},         {u"CI", CONTAINER_INHERIT_ACE}, {u"NP", NO_PROPAGATE_INHERIT_ACE},
    {u"IO", INHERIT_ONLY_ACE},           {u"ID", INHERITED_ACE},         {u"SA", SUCCESSFUL_ACCESS_ACE_FLAG},
    {u"FA", FAILED_ACCESS_ACE_FLAG},
};

// Rights printed as a whole when a mask is exactly one of them.
constexpr Code kWholeRights[] = {
    {u"FA", 0x1f01ff}, {u"FR", 0x120089}, {u"FW", 0x120116}, {u"FX", 0x1200a0},
    {u"KA", 0xf003f},  {u"KR", 0x20019},  {u"KW", 0x20006},  {u"KX", 0x20019},
};

// Single rights, in ascending bit order (the order Windows prints a
// combination in: "CCDCLCSWRPWPDTLOCRSDRCWDWO", "SDGXGWGR").
constexpr Code kBitRights[] = {
    {u"CC", 0x1},       {u"DC", 0x2},        {u"LC", 0x4},        {u"SW", 0x8},        {u"RP", 0x10},
    {u"WP", 0x20},      {u"DT", 0x40},       {u"LO", 0x80},       {u"CR", 0x100},      {u"SD", 0x10000},
    {u"RC", 0x20000},   {u"WD", 0x40000},    {u"WO", 0x80000},    {u"GA", 0x10000000}, {u"GX", 0x20000000},
    {u"GW", 0x40000000}, {u"GR", 0x80000000},
};

// A mandatory label's policy bits.
constexpr Code kLabelRights[] = {
    {u"NW", SYSTEM_MANDATORY_LABEL_NO_WRITE_UP},
    {u"NR", SYSTEM_MANDATORY_LABEL_NO_READ_UP},
    {u"NX", SYSTEM_MANDATORY_LABEL_NO_EXECUTE_UP},
};

size_t text_length(const char16_t* text) {
    size_t n = 0;
    while (text[n]) ++n;
    return n;
}

// ACCESS_ALLOWED_OBJECT_ACE's flags saying which GUIDs follow the mask.
constexpr DWORD ACE_OBJECT_TYPE_PRESENT = 1, ACE_INHERITED_OBJECT_TYPE_PRESENT = 2;
struct Guid {
    BYTE bytes[16];
};

bool is_object_type(BYTE type) { return type >= ACCESS_ALLOWED_OBJECT_ACE_TYPE && type <= SYSTEM_ALARM_OBJECT_ACE_TYPE; }

// ---- parsing ----
class Parser {
public:
    explicit Parser(const WCHAR* text) : p_(text) {}

    // The whole string into an absolute descriptor whose parts live here.
    bool parse() {
        for (skip_spaces(); *p_; skip_spaces()) {
            WCHAR which = *p_;
            if (p_[1] != u':') return false;
            p_ += 2;
            skip_spaces();
            switch (which) {
            case u'O':
                if (!parse_sid_token(owner_)) return false;
                break;
            case u'G':
                if (!parse_sid_token(group_)) return false;
                break;
            case u'D':
                if (!parse_acl(dacl_, SE_DACL_PROTECTED, SE_DACL_AUTO_INHERIT_REQ, SE_DACL_AUTO_INHERITED, dacl_null_))
                    return false;
                control_ |= SE_DACL_PRESENT;
                break;
            case u'S':
                if (!parse_acl(sacl_, SE_SACL_PROTECTED, SE_SACL_AUTO_INHERIT_REQ, SE_SACL_AUTO_INHERITED, sacl_null_))
                    return false;
                control_ |= SE_SACL_PRESENT;
                break;
            default: return false;
            }
        }
        return true;
    }

    // The parsed descriptor, self-relative, in LocalAlloc'd memory.
    void* build(ULONG* size) {
        SECURITY_DESCRIPTOR sd{};
        RtlCreateSecurityDescriptor(&sd, SECURITY_DESCRIPTOR_REVISION);
        sd.Control = control_;
        sd.Owner = owner_.empty() ? nullptr : owner_.data();
        sd.Group = group_.empty() ? nullptr : group_.data();
        std::vector<BYTE> dacl = finish_acl(dacl_), sacl = finish_acl(sacl_);
        if (control_ & SE_DACL_PRESENT) sd.Dacl = dacl_null_ ? nullptr : reinterpret_cast<ACL*>(dacl.data());
        if (control_ & SE_SACL_PRESENT) sd.Sacl = sacl_null_ ? nullptr : reinterpret_cast<ACL*>(sacl.data());
        ULONG length = 0;
        RtlAbsoluteToSelfRelativeSD(&sd, nullptr, &length);
        void* out = LocalAlloc(0, length);
        if (!out) return nullptr;
        RtlAbsoluteToSelfRelativeSD(&sd, out, &length);
        if (size) *size = length;
        return out;
    }

private:
    struct AclParts {
        std::vector<BYTE> aces;
        WORD count = 0;
        BYTE revision = ACL_REVISION;
    };

    void skip_spaces() {
        while (*p_ == u' ' || *p_ == u'\t' || *p_ == u'\r' || *p_ == u'\n') ++p_;
    }

    bool take(const char16_t* text) {
        size_t n = text_length(text);
        for (size_t i = 0; i < n; ++i)
            if (p_[i] != text[i]) return false;
        p_ += n;
        return true;
    }

    // A SID: "S-1-..." (digits, dashes, and a hexadecimal authority after
    // "0x") or a two-letter abbreviation.
    bool parse_sid_text(const WCHAR*& p, std::vector<BYTE>& out) {
        std::u16string text;
        if ((p[0] == u'S' || p[0] == u's') && p[1] == u'-') {
            text.append(p, 2);
            p += 2;
            bool hex = false;
            while ((*p >= u'0' && *p <= u'9') || *p == u'-' || *p == u'x' || *p == u'X' ||
                   (hex && ((*p >= u'a' && *p <= u'f') || (*p >= u'A' && *p <= u'F')))) {
                if (*p == u'x' || *p == u'X') hex = true;
                if (*p == u'-') hex = false;
                text.push_back(*p++);
            }
        } else {
            if (!p[0] || !p[1]) return false;
            text.append(p, 2);
            p += 2;
        }
        out.assign(SECURITY_MAX_SID_SIZE, 0);
        if (!parse_string_sid(text.c_str(), reinterpret_cast<SID*>(out.data()))) return false;
        out.resize(RtlLengthSid(out.data()));
        return true;
    }

    bool parse_sid_token(std::vector<BYTE>& out) { return parse_sid_text(p_, out); }

    bool parse_acl(AclParts& acl, WORD protected_flag, WORD request_flag, WORD inherited_flag, bool& null_acl) {
        acl = AclParts{};
        null_acl = false;
        for (;;) {
            if (take(u"NO_ACCESS_CONTROL")) {
                null_acl = true;
            } else if (take(u"AI")) {
                control_ |= inherited_flag;
            } else if (take(u"AR")) {
                control_ |= request_flag;
            } else if (*p_ == u'P' && p_[1] != u':') {
                ++p_;
                control_ |= protected_flag;
            } else {
                break;
            }
        }
        for (skip_spaces(); *p_ == u'('; skip_spaces())
            if (!parse_ace(acl)) return false;
        return !null_acl || acl.count == 0;
    }

    // The characters up to the next ';' (or ')' for the last field).
    bool field(std::u16string& out, WCHAR end) {
        out.clear();
        while (*p_ && *p_ != u';' && *p_ != u')') out.push_back(*p_++);
        if (*p_ != end) return false;
        ++p_;
        while (!out.empty() && out.back() == u' ') out.pop_back();
        while (!out.empty() && out.front() == u' ') out.erase(out.begin());
        return true;
    }

    static bool lookup(const Code* table, size_t count, const std::u16string& text, DWORD& value) {
        for (size_t i = 0; i < count; ++i)
            if (text == table[i].text) {
                value = table[i].value;
                return true;
            }
        return false;
    }

    template <size_t N>
    static bool codes(const Code (&table)[N], const std::u16string& text, DWORD& value) {
        value = 0;
        if (text.size() % 2) return false;
        for (size_t at = 0; at < text.size(); at += 2) {
            DWORD one;
            if (!lookup(table, N, text.substr(at, 2), one)) return false;
            value |= one;
        }
        return true;
    }

    static bool rights(const std::u16string& text, DWORD& value) {
        if (text.size() > 2 && text[0] == u'0' && (text[1] == u'x' || text[1] == u'X')) {
            std::string narrow(text.begin() + 2, text.end());
            char* end = nullptr;
            unsigned long parsed = strtoul(narrow.c_str(), &end, 16);
            if (*end || parsed > 0xffffffffu) return false;
            value = static_cast<DWORD>(parsed);
            return true;
        }
        if (!text.empty() && text[0] >= u'0' && text[0] <= u'9') {
            std::string narrow(text.begin(), text.end());
            char* end = nullptr;
            unsigned long parsed = strtoul(narrow.c_str(), &end, 10);
            if (*end || parsed > 0xffffffffu) return false;
            value = static_cast<DWORD>(parsed);
            return true;
        }
        value = 0;
        if (text.size() % 2) return false;
        for (size_t at = 0; at < text.size(); at += 2) {
            std::u16string code = text.substr(at, 2);
            DWORD one;
            if (!lookup(kWholeRights, std::size(kWholeRights), code, one) &&
                !lookup(kBitRights, std::size(kBitRights), code, one) &&
                !lookup(kLabelRights, std::size(kLabelRights), code, one))
                return false;
            value |= one;
        }
        return true;
    }

    // "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx" into GUID byte order.
    static bool guid(const std::u16string& text, Guid& out) {
        if (text.size() != 36) return false;
        std::string narrow(text.begin(), text.end());
        unsigned a, b, c, d[8];
        if (sscanf(narrow.c_str(), "%8x-%4x-%4x-%2x%2x-%2x%2x%2x%2x%2x%2x", &a, &b, &c, &d[0], &d[1], &d[2], &d[3],
                   &d[4], &d[5], &d[6], &d[7]) != 11)
            return false;
        memcpy(out.bytes, &a, 4);
        uint16_t b16 = static_cast<uint16_t>(b), c16 = static_cast<uint16_t>(c);
        memcpy(out.bytes + 4, &b16, 2);
        memcpy(out.bytes + 6, &c16, 2);
        for (int i = 0; i < 8; ++i) out.bytes[8 + i] = static_cast<BYTE>(d[i]);
        return true;
    }

    bool parse_ace(AclParts& acl) {
        ++p_;  // '('
        std::u16string type_text, flags_text, rights_text, object_text, inherit_text, sid_text;
        if (!field(type_text, u';') || !field(flags_text, u';') || !field(rights_text, u';') ||
            !field(object_text, u';') || !field(inherit_text, u';'))
            return false;
        DWORD type, flags, mask;
        if (!lookup(kAceTypes, std::size(kAceTypes), type_text, type)) return false;
        if (!codes(kAceFlags, flags_text, flags) || !rights(rights_text, mask)) return false;
        const WCHAR* sid_at = p_;
        while (*sid_at == u' ') ++sid_at;
        std::vector<BYTE> sid;
        if (!parse_sid_text(sid_at, sid)) return false;
        p_ = sid_at;
        while (*p_ == u' ') ++p_;
        if (*p_++ != u')') return false;

        bool object = is_object_type(static_cast<BYTE>(type));
        Guid object_guid{}, inherit_guid{};
        DWORD object_flags = 0;
        if (!object_text.empty()) {
            if (!object || !guid(object_text, object_guid)) return false;
            object_flags |= ACE_OBJECT_TYPE_PRESENT;
        }
        if (!inherit_text.empty()) {
            if (!object || !guid(inherit_text, inherit_guid)) return false;
            object_flags |= ACE_INHERITED_OBJECT_TYPE_PRESENT;
        }
        std::vector<BYTE> ace(8);
        auto append = [&](const void* data, size_t size) {
            const BYTE* bytes = static_cast<const BYTE*>(data);
            ace.insert(ace.end(), bytes, bytes + size);
        };
        if (object) {
            append(&object_flags, 4);
            if (object_flags & ACE_OBJECT_TYPE_PRESENT) append(&object_guid, 16);
            if (object_flags & ACE_INHERITED_OBJECT_TYPE_PRESENT) append(&inherit_guid, 16);
            acl.revision = ACL_REVISION_DS;
        }
        append(sid.data(), sid.size());
        ACE_HEADER header{static_cast<BYTE>(type), static_cast<BYTE>(flags), static_cast<WORD>(ace.size())};
        memcpy(ace.data(), &header, 4);
        memcpy(ace.data() + 4, &mask, 4);
        if (acl.aces.size() + ace.size() + sizeof(ACL) > 0xfffc) return false;
        acl.aces.insert(acl.aces.end(), ace.begin(), ace.end());
        ++acl.count;
        return true;
    }

    static std::vector<BYTE> finish_acl(const AclParts& parts) {
        std::vector<BYTE> acl(sizeof(ACL) + parts.aces.size());
        ACL header{parts.revision, 0, static_cast<WORD>(acl.size()), parts.count, 0};
        memcpy(acl.data(), &header, sizeof(header));
        if (!parts.aces.empty()) memcpy(acl.data() + sizeof(ACL), parts.aces.data(), parts.aces.size());
        return acl;
    }

    const WCHAR* p_;
    SECURITY_DESCRIPTOR_CONTROL control_ = 0;
    std::vector<BYTE> owner_, group_;
    AclParts dacl_, sacl_;
    bool dacl_null_ = false, sacl_null_ = false;
};

// ---- printing ----
void append_ascii(std::u16string& out, const char* text) {
    for (; *text; ++text) out.push_back(static_cast<unsigned char>(*text));
}

bool append_sid(std::u16string& out, PSID sid) {
    if (!RtlValidSid(sid)) return false;
    if (const char* abbreviation = sddl_abbreviation(sid)) {
        append_ascii(out, abbreviation);
        return true;
    }
    WCHAR buffer[256];
    UNICODE_STRING string{0, sizeof(buffer), buffer};
    if (RtlConvertSidToUnicodeString(&string, sid, FALSE) < 0) return false;
    out.append(buffer, string.Length / 2);
    return true;
}

void append_rights(std::u16string& out, DWORD mask, BYTE type) {
    if (type == SYSTEM_MANDATORY_LABEL_ACE_TYPE && mask && !(mask & ~SYSTEM_MANDATORY_LABEL_VALID_MASK)) {
        for (const Code& code : kLabelRights)
            if (mask & code.value) out += code.text;
        return;
    }
    for (const Code& code : kWholeRights)
        if (mask == code.value) {
            out += code.text;
            return;
        }
    DWORD covered = 0;
    for (const Code& code : kBitRights) covered |= code.value;
    if (mask && !(mask & ~covered)) {
        for (const Code& code : kBitRights)
            if (mask & code.value) out += code.text;
        return;
    }
    char hex[16];
    snprintf(hex, sizeof(hex), "0x%x", mask);
    append_ascii(out, hex);
}

void append_guid(std::u16string& out, const BYTE* bytes) {
    uint32_t a;
    uint16_t b, c;
    memcpy(&a, bytes, 4);
    memcpy(&b, bytes + 4, 2);
    memcpy(&c, bytes + 6, 2);
    char text[40];
    snprintf(text, sizeof(text), "%08x-%04x-%04x-%02x%02x-%02x%02x%02x%02x%02x%02x", a, b, c, bytes[8], bytes[9],
             bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]);
    append_ascii(out, text);
}

bool append_ace(std::u16string& out, const ACE_HEADER* header) {
    const BYTE* ace = reinterpret_cast<const BYTE*>(header);
    const char16_t* type = nullptr;
    for (const Code& code : kAceTypes)
        if (code.value == header->AceType) type = code.text;
    if (!type || header->AceSize < 16) return false;
    out += u'(';
    out += type;
    out += u';';
    for (const Code& code : kAceFlags)
        if (header->AceFlags & code.value) out += code.text;
    out += u';';
    DWORD mask;
    memcpy(&mask, ace + 4, 4);
    append_rights(out, mask, header->AceType);
    out += u';';
    const BYTE* sid = ace + 8;
    if (is_object_type(header->AceType)) {
        DWORD flags;
        memcpy(&flags, ace + 8, 4);
        const BYTE* guid = ace + 12;
        if (flags & ACE_OBJECT_TYPE_PRESENT) {
            append_guid(out, guid);
            guid += 16;
        }
        out += u';';
        if (flags & ACE_INHERITED_OBJECT_TYPE_PRESENT) {
            append_guid(out, guid);
            guid += 16;
        }
        out += u';';
        sid = guid;
    } else {
        out += u";;";
    }
    if (sid + 8 > ace + header->AceSize) return false;
    if (!append_sid(out, const_cast<BYTE*>(sid))) return false;
    out += u')';
    return true;
}

// "D:" or "S:", its flags and ACEs; `labels_only` keeps only mandatory
// labels (LABEL_SECURITY_INFORMATION without SACL_SECURITY_INFORMATION).
bool append_acl(std::u16string& out, char16_t which, ACL* acl, SECURITY_DESCRIPTOR_CONTROL control, WORD protected_flag,
                WORD request_flag, WORD inherited_flag, bool labels_only) {
    out += which;
    out += u':';
    if (control & protected_flag) out += u'P';
    if (control & request_flag) out += u"AR";
    if (control & inherited_flag) out += u"AI";
    if (!acl) {
        out += u"NO_ACCESS_CONTROL";
        return true;
    }
    for (DWORD i = 0; i < acl->AceCount; ++i) {
        void* ace = nullptr;
        if (RtlGetAce(acl, i, &ace) < 0) return false;
        auto* header = static_cast<ACE_HEADER*>(ace);
        if (labels_only && header->AceType != SYSTEM_MANDATORY_LABEL_ACE_TYPE) continue;
        if (!append_ace(out, header)) return false;
    }
    return true;
}

}  // namespace

VINE_EXPORT BOOL ConvertStringSecurityDescriptorToSecurityDescriptorW(LPCWSTR text, DWORD revision,
                                                                      PSECURITY_DESCRIPTOR* sd, ULONG* size) {
    if (!text || !sd) return fail_with(ERROR_INVALID_PARAMETER);
    if (revision != SDDL_REVISION_1) return fail_with(ERROR_UNKNOWN_REVISION);
    Parser parser(text);
    if (!parser.parse()) return fail_with(ERROR_INVALID_PARAMETER);
    void* out = parser.build(size);
    if (!out) return fail_with(ERROR_NOT_ENOUGH_MEMORY);
    *sd = out;
    return TRUE;
}

VINE_EXPORT BOOL ConvertStringSecurityDescriptorToSecurityDescriptorA(LPCSTR text, DWORD revision,
                                                                      PSECURITY_DESCRIPTOR* sd, ULONG* size) {
    if (!text) return fail_with(ERROR_INVALID_PARAMETER);
    std::u16string wide = widen_ascii(text);
    return ConvertStringSecurityDescriptorToSecurityDescriptorW(wide.c_str(), revision, sd, size);
}

// *length, when asked for, counts the characters with the terminator.
VINE_EXPORT BOOL ConvertSecurityDescriptorToStringSecurityDescriptorW(PSECURITY_DESCRIPTOR sd, DWORD revision,
                                                                      SECURITY_INFORMATION info, LPWSTR* text,
                                                                      ULONG* length) {
    if (!sd || !text) return fail_with(ERROR_INVALID_PARAMETER);
    if (revision != SDDL_REVISION_1) return fail_with(ERROR_UNKNOWN_REVISION);
    if (!RtlValidSecurityDescriptor(sd)) return fail_with(ERROR_INVALID_SECURITY_DESCR);
    SECURITY_DESCRIPTOR_CONTROL control = 0;
    ULONG sd_revision = 0;
    RtlGetControlSecurityDescriptor(sd, &control, &sd_revision);
    std::u16string out;
    PSID sid = nullptr;
    BOOLEAN defaulted = FALSE, present = FALSE;
    if (info & OWNER_SECURITY_INFORMATION) {
        RtlGetOwnerSecurityDescriptor(sd, &sid, &defaulted);
        if (sid && (out += u"O:", !append_sid(out, sid))) return fail_with(ERROR_INVALID_SECURITY_DESCR);
    }
    if (info & GROUP_SECURITY_INFORMATION) {
        RtlGetGroupSecurityDescriptor(sd, &sid, &defaulted);
        if (sid && (out += u"G:", !append_sid(out, sid))) return fail_with(ERROR_INVALID_SECURITY_DESCR);
    }
    ACL* acl = nullptr;
    if (info & DACL_SECURITY_INFORMATION) {
        RtlGetDaclSecurityDescriptor(sd, &present, &acl, &defaulted);
        if (present && !append_acl(out, u'D', acl, control, SE_DACL_PROTECTED, SE_DACL_AUTO_INHERIT_REQ,
                                   SE_DACL_AUTO_INHERITED, false))
            return fail_with(ERROR_INVALID_ACL);
    }
    if (info & (SACL_SECURITY_INFORMATION | LABEL_SECURITY_INFORMATION)) {
        RtlGetSaclSecurityDescriptor(sd, &present, &acl, &defaulted);
        if (present && !append_acl(out, u'S', acl, control, SE_SACL_PROTECTED, SE_SACL_AUTO_INHERIT_REQ,
                                   SE_SACL_AUTO_INHERITED, !(info & SACL_SECURITY_INFORMATION)))
            return fail_with(ERROR_INVALID_ACL);
    }
    auto* result = static_cast<LPWSTR>(LocalAlloc(0, (out.size() + 1) * sizeof(WCHAR)));
    if (!result) return fail_with(ERROR_NOT_ENOUGH_MEMORY);
    memcpy(result, out.c_str(), (out.size() + 1) * sizeof(WCHAR));
    *text = result;
    if (length) *length = static_cast<ULONG>(out.size() + 1);
    return TRUE;
}

VINE_EXPORT BOOL ConvertSecurityDescriptorToStringSecurityDescriptorA(PSECURITY_DESCRIPTOR sd, DWORD revision,
                                                                      SECURITY_INFORMATION info, LPSTR* text,
                                                                      ULONG* length) {
    if (!text) return fail_with(ERROR_INVALID_PARAMETER);
    LPWSTR wide = nullptr;
    ULONG chars = 0;
    if (!ConvertSecurityDescriptorToStringSecurityDescriptorW(sd, revision, info, &wide, &chars)) return FALSE;
    auto* narrow = static_cast<LPSTR>(LocalAlloc(0, chars));
    if (!narrow) {
        LocalFree(wide);
        return fail_with(ERROR_NOT_ENOUGH_MEMORY);
    }
    for (ULONG i = 0; i < chars; ++i) narrow[i] = static_cast<char>(wide[i]);  // SDDL is ASCII
    LocalFree(wide);
    *text = narrow;
    if (length) *length = chars;
    return TRUE;
}
