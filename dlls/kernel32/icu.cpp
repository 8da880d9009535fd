#include "icu.h"

#include <dlfcn.h>

#include <atomic>
#include <cstdio>
#include <mutex>

namespace kernel32::icu_lib {

namespace {

#define VINE_ICU_STRING2(x) #x
#define VINE_ICU_STRING(x) VINE_ICU_STRING2(x)
#define VINE_ICU_SONAME(name) "lib" name ".so." VINE_ICU_STRING(U_ICU_VERSION_MAJOR_NUM)

Api g_api;
std::atomic<const Api*> g_loaded{nullptr};
std::once_flag g_once;

template <typename Fn>
bool bind(void* library, Fn& slot, const char* name) {
    slot = reinterpret_cast<Fn>(dlsym(library, name));
    if (!slot) fprintf(stderr, "err:nls: ICU has no %s\n", name);
    return slot != nullptr;
}

void load() {
    void* uc = dlopen(VINE_ICU_SONAME("icuuc"), RTLD_NOW | RTLD_LOCAL);
    void* i18n = uc ? dlopen(VINE_ICU_SONAME("icui18n"), RTLD_NOW | RTLD_LOCAL) : nullptr;
    if (!uc || !i18n) {
        fprintf(stderr, "err:nls: cannot load ICU (%s): collation and normalization fail\n", dlerror());
        return;
    }
    // The macros turn each name into its versioned symbol (ucol_open_72).
#define BIND(lib, name) ok = bind(lib, g_api.name, VINE_ICU_STRING(name)) && ok
    bool ok = true;
    BIND(i18n, ucol_open);
    BIND(i18n, ucol_openRules);
    BIND(i18n, ucol_getRules);
    BIND(i18n, ucol_close);
    BIND(i18n, ucol_setAttribute);
    BIND(i18n, ucol_setMaxVariable);
    BIND(i18n, ucol_strcoll);
    BIND(i18n, ucol_getSortKey);
    BIND(i18n, ucol_getVersion);
    BIND(i18n, ucol_getAttribute);
    BIND(i18n, ucol_getReorderCodes);
    BIND(i18n, ucol_openElements);
    BIND(i18n, ucol_next);
    BIND(i18n, ucol_closeElements);
    BIND(i18n, ucol_setText);
    BIND(i18n, ucol_getTailoredSet);
    BIND(uc, uset_close);
    BIND(uc, uset_getItemCount);
    BIND(uc, uset_getItem);
    BIND(uc, u_toupper);
    BIND(uc, u_tolower);
    BIND(uc, u_foldCase);
    BIND(uc, u_charType);
    BIND(uc, u_charDirection);
    BIND(uc, u_hasBinaryProperty);
    BIND(uc, u_getIntPropertyValue);
    BIND(uc, u_charDigitValue);
    BIND(uc, unorm2_getNFCInstance);
    BIND(uc, unorm2_getNFDInstance);
    BIND(uc, unorm2_getNFKCInstance);
    BIND(uc, unorm2_getNFKDInstance);
    BIND(uc, unorm2_normalize);
    BIND(uc, unorm2_isNormalized);
    BIND(uc, uidna_openUTS46);
    BIND(uc, uidna_nameToASCII);
    BIND(uc, uidna_nameToUnicode);
    BIND(uc, ucnv_open);
    BIND(uc, ucnv_close);
    BIND(uc, ucnv_toUChars);
    BIND(uc, ucnv_fromUChars);
    BIND(uc, ucnv_setToUCallBack);
    BIND(uc, ucnv_setFromUCallBack);
    BIND(uc, ucnv_setSubstChars);
    BIND(uc, UCNV_TO_U_CALLBACK_STOP);
    BIND(uc, UCNV_FROM_U_CALLBACK_STOP);
#undef BIND
    if (ok) g_loaded.store(&g_api, std::memory_order_release);
}

}  // namespace

// Once loaded, one atomic load: CompareString calls this each time.
const Api* api() {
    if (const Api* loaded = g_loaded.load(std::memory_order_acquire)) return loaded;
    std::call_once(g_once, load);
    return g_loaded.load(std::memory_order_acquire);
}

std::u16string normalize(const Api& api, const UNormalizer2* normalizer, std::u16string_view text, bool* ok) {
    UErrorCode status = U_ZERO_ERROR;
    int32_t n = api.unorm2_normalize(normalizer, text.data(), static_cast<int32_t>(text.size()), nullptr, 0, &status);
    std::u16string out(static_cast<size_t>(n), u'\0');
    status = U_ZERO_ERROR;
    api.unorm2_normalize(normalizer, text.data(), static_cast<int32_t>(text.size()), out.data(), n, &status);
    *ok = U_SUCCESS(status) && normalizer;
    return out;
}

}  // namespace kernel32::icu_lib
