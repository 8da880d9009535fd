// The user interface language Vine reports (GetUserPreferredUILanguages)
// and prefers when it picks among a resource's languages: US English, the
// language of Vine's own messages.
#pragma once

#include <cstdint>
#include <string_view>

namespace vine {

constexpr uint16_t ui_language_id = 0x0409;  // MAKELANGID(LANG_ENGLISH, SUBLANG_ENGLISH_US)
constexpr std::u16string_view ui_language_name = u"en-US";

}  // namespace vine
