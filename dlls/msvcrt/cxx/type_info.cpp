// type_info's name, comparison and hash over MSVC's decorated names
// (".H", ".?AVBase@@"), as vcruntime's __std_type_info_* and msvcrt's
// type_info members compute them.
#include "cxx/type_info.h"

#include <atomic>
#include <cstdlib>
#include <cstring>
#include <string>

namespace vine::cxx {
namespace {

const char* basic_type(std::string_view code) {
    static constexpr struct {
        std::string_view code;
        const char* name;
    } kTypes[] = {{"C", "signed char"}, {"D", "char"},          {"E", "unsigned char"}, {"F", "short"},
                  {"G", "unsigned short"}, {"H", "int"},        {"I", "unsigned int"},  {"J", "long"},
                  {"K", "unsigned long"}, {"M", "float"},       {"N", "double"},        {"O", "long double"},
                  {"X", "void"},          {"_J", "__int64"},    {"_K", "unsigned __int64"}, {"_N", "bool"},
                  {"_W", "wchar_t"}};
    for (const auto& type : kTypes)
        if (type.code == code) return type.name;
    return nullptr;
}

// "?AVInner@Outer@@" -> "class Outer::Inner"; empty if not of that form.
std::string undecorate_class(std::string_view name) {
    if (name.size() < 5 || name[0] != '?' || name[1] != 'A') return {};
    const char* keyword = nullptr;
    switch (name[2]) {
    case 'V': keyword = "class "; break;
    case 'U': keyword = "struct "; break;
    case 'T': keyword = "union "; break;
    default: return {};
    }
    std::string_view rest = name.substr(3);
    if (rest.size() < 2 || rest.substr(rest.size() - 2) != "@@") return {};
    rest.remove_suffix(2);
    std::string qualified;
    while (!rest.empty()) {
        auto at = rest.find('@');
        std::string_view part = rest.substr(0, at);
        if (part.empty() || part.find_first_of("?$") != std::string_view::npos) return {};  // templates: not undecorated
        qualified = qualified.empty() ? std::string(part) : std::string(part) + "::" + qualified;
        if (at == std::string_view::npos) break;
        rest.remove_prefix(at + 1);
    }
    return keyword + qualified;
}

}  // namespace

std::string undecorate_type_name(const char* decorated) {
    std::string_view name = decorated[0] == '.' ? decorated + 1 : decorated;
    if (const char* basic = basic_type(name)) return basic;
    std::string result = undecorate_class(name);
    return result.empty() ? std::string(decorated) : result;
}

const char* type_info_name(TypeInfoData* data) {
    if (const char* cached = std::atomic_ref(data->undecorated).load()) return cached;
    std::string name = undecorate_type_name(data->decorated);
    char* copy = static_cast<char*>(malloc(name.size() + 1));
    if (!copy) return data->decorated;
    memcpy(copy, name.c_str(), name.size() + 1);
    const char* expected = nullptr;
    // Another thread may have named it first; its copy is kept.
    if (!std::atomic_ref(data->undecorated).compare_exchange_strong(expected, copy)) {
        free(copy);
        return expected;
    }
    return copy;
}

int type_info_compare(const TypeInfoData* a, const TypeInfoData* b) {
    if (a == b) return 0;
    return strcmp(a->decorated + 1, b->decorated + 1);
}

size_t type_info_hash(const TypeInfoData* data) {
    // FNV-1a over the decorated name without its leading '.'.
    uint64_t hash = 14695981039346656037ull;
    for (const char* p = data->decorated + 1; *p; ++p) {
        hash ^= static_cast<unsigned char>(*p);
        hash *= 1099511628211ull;
    }
    return hash;
}

}  // namespace vine::cxx
