// libFuzzer target for the lexical NT name rules (loader/nt_names.cpp):
// any UTF-16 input parses without crashing, and what parses satisfies the
// rules it promises (no invalid character, no empty or dot component), and
// re-parses to the same result.
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>

#include "vine/paths.h"

namespace {

void check(bool condition) {
    if (!condition) abort();
}

bool valid_rest(const std::u16string& rest) {
    if (rest.empty()) return true;
    size_t pos = 0;
    while (pos <= rest.size()) {
        size_t end = rest.find(u'\\', pos);
        if (end == std::u16string::npos) end = rest.size();
        std::u16string_view part(rest.data() + pos, end - pos);
        if (part.empty() || part == u"." || part == u"..") return false;
        for (char16_t c : part)
            if (c < 32 || std::u16string_view(u"<>:\"/|?*").find(c) != std::u16string_view::npos) return false;
        pos = end + 1;
    }
    return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::u16string input(size / 2, u'\0');
    std::memcpy(input.data(), data, input.size() * 2);

    vine::paths::NtName name;
    if (vine::paths::parse_nt_name(input, name) == 0) {
        check(valid_rest(name.rest));
        if (name.kind == vine::paths::NtName::Kind::drive) {
            check(name.drive >= u'A' && name.drive <= u'Z');
            std::u16string again = u"\\??\\";
            again += name.drive;
            again += u":";
            if (!name.rest.empty()) again += u"\\" + name.rest;
            vine::paths::NtName reparsed;
            check(vine::paths::parse_nt_name(again, reparsed) == 0);
            check(reparsed.rest == name.rest && reparsed.drive == name.drive);
        }
        if (name.kind == vine::paths::NtName::Kind::device) check(!name.device.empty());
    }
    if (vine::paths::parse_relative_nt_name(input, name) == 0) check(valid_rest(name.rest));

    std::u16string nt = vine::paths::dos_to_nt_name(input);
    check(nt.rfind(u"\\??\\", 0) == 0);
    vine::paths::parse_nt_name(nt, name);
    vine::paths::dos_device_name(input);
    // A mask and a name: the first half against the second.
    std::u16string_view whole = input;
    vine::paths::nt_mask_matches(whole.substr(0, whole.size() / 2), whole.substr(whole.size() / 2), true);
    return 0;
}
