// Resources: FindResource(Ex), LoadResource, LockResource, SizeofResource,
// FreeResource and the EnumResource* walks. Lookups are ntdll's
// LdrFindResource_U / LdrAccessResource; the walks list the loader's view
// of the resource tree (loader/resources.cpp), which validates every offset.
#include <cstring>
#include <string>
#include <vector>

#include "nt_wait.h"
#include "kernel32_private.h"
#include "vine/loader.h"
#include "vine/ntstatus.h"

using namespace kernel32;

namespace {

struct LDR_RESOURCE_INFO {
    ULONG_PTR Type;
    ULONG_PTR Name;
    ULONG Language;
};

extern "C" WINAPI NTSTATUS LdrFindResource_U(HMODULE module, const LDR_RESOURCE_INFO* info, ULONG level,
                                             const void** entry);
extern "C" WINAPI NTSTATUS LdrAccessResource(HMODULE module, const void* entry, void** data, ULONG* size);


using EnumTypesW = BOOL(WINAPI*)(HMODULE, WCHAR*, LONG_PTR);
using EnumNamesW = BOOL(WINAPI*)(HMODULE, const WCHAR*, WCHAR*, LONG_PTR);
using EnumLanguagesW = BOOL(WINAPI*)(HMODULE, const WCHAR*, const WCHAR*, WORD, LONG_PTR);
using EnumTypesA = BOOL(WINAPI*)(HMODULE, char*, LONG_PTR);
using EnumNamesA = BOOL(WINAPI*)(HMODULE, const char*, char*, LONG_PTR);
using EnumLanguagesA = BOOL(WINAPI*)(HMODULE, const char*, const char*, WORD, LONG_PTR);

bool is_int_resource(const void* name) { return reinterpret_cast<uintptr_t>(name) < 0x10000; }

// A caller's type or name: an id, "#123" (the id 123), or a name.
struct Key {
    ULONG_PTR value = 0;   // what LdrFindResource_U takes
    std::u16string name;   // storage for a name
    vine::loader::ResourceKey key;
};

void make_key(const WCHAR* text, Key& out) {
    if (is_int_resource(text)) {
        out.value = reinterpret_cast<uintptr_t>(text);
        out.key.id = static_cast<uint16_t>(out.value);
        return;
    }
    if (text[0] == u'#') {
        unsigned id = 0;
        const WCHAR* p = text + 1;
        while (*p >= u'0' && *p <= u'9' && id < 0x10000) id = id * 10 + (*p++ - u'0');
        if (!*p && p != text + 1 && id < 0x10000) {
            out.value = id;
            out.key.id = static_cast<uint16_t>(id);
            return;
        }
    }
    out.name = text;
    out.value = reinterpret_cast<uintptr_t>(out.name.c_str());
    out.key.named = true;
    out.key.name = out.name;
}

void make_key(const char* text, Key& out) {
    if (is_int_resource(text)) return make_key(reinterpret_cast<const WCHAR*>(text), out);
    std::u16string wide = wide_from_ansi(text);
    make_key(wide.c_str(), out);
}

HMODULE module_or_exe(HMODULE module) { return module ? module : GetModuleHandleW(nullptr); }

// A key as an Enum* callback receives it: an id, or a NUL-terminated name
// that lives until the callback returns.
const WCHAR* callback_name(const vine::loader::ResourceKey& key, std::u16string& storage) {
    if (!key.named) return reinterpret_cast<const WCHAR*>(static_cast<uintptr_t>(key.id));
    storage = key.name;
    return storage.c_str();
}

const char* callback_name(const vine::loader::ResourceKey& key, std::string& storage) {
    if (!key.named) return reinterpret_cast<const char*>(static_cast<uintptr_t>(key.id));
    storage = ansi_from_wide(key.name.c_str());
    return storage.c_str();
}

// The entries under `path`; FALSE with the last error set when missing.
bool list(HMODULE module, const std::vector<vine::loader::ResourceKey>& path,
          std::vector<vine::loader::ResourceKey>& out) {
    NTSTATUS status = vine::loader::resource_entries(module_or_exe(module), path, out);
    if (status != STATUS_SUCCESS) {
        set_nt_error(status);
        return false;
    }
    return true;
}

BOOL stopped() {
    set_error(ERROR_RESOURCE_ENUM_USER_STOP);
    return FALSE;
}

}  // namespace

VINE_EXPORT HANDLE FindResourceExW(HMODULE module, const WCHAR* type, const WCHAR* name, WORD language) {
    if (!type || !name) {
        set_error(ERROR_INVALID_PARAMETER);
        return nullptr;
    }
    Key type_key, name_key;
    make_key(type, type_key);
    make_key(name, name_key);
    LDR_RESOURCE_INFO info{type_key.value, name_key.value, language};
    const void* entry = nullptr;
    NTSTATUS status = LdrFindResource_U(module_or_exe(module), &info, 3, &entry);
    if (status != STATUS_SUCCESS) {
        set_nt_error(status);
        return nullptr;
    }
    return const_cast<void*>(entry);
}

VINE_EXPORT HANDLE FindResourceW(HMODULE module, const WCHAR* name, const WCHAR* type) {
    return FindResourceExW(module, type, name, 0);
}

VINE_EXPORT HANDLE FindResourceExA(HMODULE module, const char* type, const char* name, WORD language) {
    if (!type || !name) {
        set_error(ERROR_INVALID_PARAMETER);
        return nullptr;
    }
    std::u16string wide_type = is_int_resource(type) ? std::u16string() : wide_from_ansi(type);
    std::u16string wide_name = is_int_resource(name) ? std::u16string() : wide_from_ansi(name);
    return FindResourceExW(module,
                           is_int_resource(type) ? reinterpret_cast<const WCHAR*>(type) : wide_type.c_str(),
                           is_int_resource(name) ? reinterpret_cast<const WCHAR*>(name) : wide_name.c_str(),
                           language);
}

VINE_EXPORT HANDLE FindResourceA(HMODULE module, const char* name, const char* type) {
    return FindResourceExA(module, type, name, 0);
}

// An HGLOBAL that is the resource's address: resources are part of the
// mapped image and need no loading or locking.
VINE_EXPORT void* LoadResource(HMODULE module, HANDLE resource) {
    if (!resource) {
        set_error(ERROR_INVALID_HANDLE);
        return nullptr;
    }
    void* data = nullptr;
    NTSTATUS status = LdrAccessResource(module_or_exe(module), resource, &data, nullptr);
    if (status != STATUS_SUCCESS) {
        set_nt_error(status);
        return nullptr;
    }
    return data;
}

VINE_EXPORT void* LockResource(void* loaded) { return loaded; }

// Since Win32 there is nothing to free; Windows documents FALSE.
VINE_EXPORT BOOL FreeResource(void* loaded) { return FALSE; }

VINE_EXPORT DWORD SizeofResource(HMODULE module, HANDLE resource) {
    if (!resource) {
        set_error(ERROR_INVALID_HANDLE);
        return 0;
    }
    ULONG size = 0;
    NTSTATUS status = LdrAccessResource(module_or_exe(module), resource, nullptr, &size);
    if (status != STATUS_SUCCESS) {
        set_nt_error(status);
        return 0;
    }
    return size;
}

namespace {

// The walks, for both character widths: keys are converted from the
// caller's strings, and names handed to callbacks in the caller's width.
template <typename Char>
BOOL enum_types(HMODULE module, BOOL(WINAPI* callback)(HMODULE, Char*, LONG_PTR), LONG_PTR param) {
    std::vector<vine::loader::ResourceKey> types;
    if (!callback) {
        set_error(ERROR_NOACCESS);
        return FALSE;
    }
    if (!list(module, {}, types)) return FALSE;
    for (const auto& type : types) {
        std::basic_string<Char> storage;
        if (!callback(module, const_cast<Char*>(callback_name(type, storage)), param)) return stopped();
    }
    return TRUE;
}

template <typename Char>
BOOL enum_names(HMODULE module, const Char* type, BOOL(WINAPI* callback)(HMODULE, const Char*, Char*, LONG_PTR),
                LONG_PTR param) {
    if (!type || !callback) {
        set_error(ERROR_NOACCESS);
        return FALSE;
    }
    Key type_key;
    make_key(type, type_key);
    std::vector<vine::loader::ResourceKey> names;
    if (!list(module, {type_key.key}, names)) return FALSE;
    for (const auto& name : names) {
        std::basic_string<Char> storage;
        if (!callback(module, type, const_cast<Char*>(callback_name(name, storage)), param)) return stopped();
    }
    return TRUE;
}

template <typename Char>
BOOL enum_languages(HMODULE module, const Char* type, const Char* name,
                    BOOL(WINAPI* callback)(HMODULE, const Char*, const Char*, WORD, LONG_PTR), LONG_PTR param) {
    if (!type || !name || !callback) {
        set_error(ERROR_NOACCESS);
        return FALSE;
    }
    Key type_key, name_key;
    make_key(type, type_key);
    make_key(name, name_key);
    std::vector<vine::loader::ResourceKey> languages;
    if (!list(module, {type_key.key, name_key.key}, languages)) return FALSE;
    for (const auto& language : languages)
        if (!language.named && !callback(module, type, name, language.id, param)) return stopped();
    return TRUE;
}

}  // namespace

VINE_EXPORT BOOL EnumResourceTypesW(HMODULE module, EnumTypesW callback, LONG_PTR param) {
    return enum_types(module, callback, param);
}

VINE_EXPORT BOOL EnumResourceNamesW(HMODULE module, const WCHAR* type, EnumNamesW callback, LONG_PTR param) {
    return enum_names(module, type, callback, param);
}

VINE_EXPORT BOOL EnumResourceLanguagesW(HMODULE module, const WCHAR* type, const WCHAR* name,
                                        EnumLanguagesW callback, LONG_PTR param) {
    return enum_languages(module, type, name, callback, param);
}

VINE_EXPORT BOOL EnumResourceTypesA(HMODULE module, EnumTypesA callback, LONG_PTR param) {
    return enum_types(module, callback, param);
}

VINE_EXPORT BOOL EnumResourceNamesA(HMODULE module, const char* type, EnumNamesA callback, LONG_PTR param) {
    return enum_names(module, type, callback, param);
}

VINE_EXPORT BOOL EnumResourceLanguagesA(HMODULE module, const char* type, const char* name,
                                        EnumLanguagesA callback, LONG_PTR param) {
    return enum_languages(module, type, name, callback, param);
}
