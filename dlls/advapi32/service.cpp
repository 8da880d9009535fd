// The service control manager as a machine without services shows it:
// OpenSCManager gives a handle to an empty service database, OpenService
// finds nothing (ERROR_SERVICE_DOES_NOT_EXIST), enumerations list nothing.
// Vine runs no services, so nothing here starts or controls one.
#include <new>
#include <string>

#include "advapi32_private.h"

namespace {

constexpr DWORD SERVICE_WIN32 = 0x30, SERVICE_DRIVER = 0x0b, SERVICE_STATE_ALL = 3;
constexpr DWORD SC_ENUM_PROCESS_INFO = 0;
constexpr uint32_t kManagerMagic = 0x76534d47;  // "GMSv"

struct Manager {
    uint32_t magic = kManagerMagic;
    DWORD access;
};

Manager* manager_of(void* handle) {
    auto* manager = static_cast<Manager*>(handle);
    return manager && manager->magic == kManagerMagic ? manager : nullptr;
}

void* fail(DWORD error) {
    SetLastError(error);
    return nullptr;
}

// "ServicesActive" (SERVICES_ACTIVE_DATABASE) is the only database.
bool is_active_database(const WCHAR* name) {
    if (!name) return true;
    const char16_t expected[] = u"ServicesActive";
    for (size_t i = 0;; ++i) {
        WCHAR a = name[i], b = expected[i];
        if (a >= u'a' && a <= u'z') a = static_cast<WCHAR>(a - 32);
        if (b >= u'a' && b <= u'z') b = static_cast<WCHAR>(b - 32);
        if (a != b) return false;
        if (!a) return true;
    }
}

BOOL enumerate_nothing(void* handle, DWORD type, DWORD state, DWORD* needed, DWORD* returned, DWORD* resume) {
    if (!manager_of(handle)) {
        SetLastError(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    if (!needed || !returned || !(type & (SERVICE_WIN32 | SERVICE_DRIVER)) || !state || (state & ~SERVICE_STATE_ALL)) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    *needed = 0;
    *returned = 0;
    if (resume) *resume = 0;
    return TRUE;
}

}  // namespace

// A remote machine's manager cannot be reached (RPC_S_SERVER_UNAVAILABLE
// would need a network); the local one is named by NULL, "" or its name.
VINE_EXPORT void* OpenSCManagerW(LPCWSTR machine, LPCWSTR database, DWORD access) {
    (void)machine;
    if (!is_active_database(database)) return fail(ERROR_DATABASE_DOES_NOT_EXIST);
    auto* manager = new (std::nothrow) Manager{};
    if (!manager) return fail(ERROR_NOT_ENOUGH_MEMORY);
    manager->access = access;
    return manager;
}

VINE_EXPORT void* OpenSCManagerA(LPCSTR machine, LPCSTR database, DWORD access) {
    std::u16string wide = widen_ascii(database);
    return OpenSCManagerW(nullptr, database ? wide.c_str() : nullptr, access);
}

VINE_EXPORT void* OpenServiceW(void* manager, LPCWSTR name, DWORD access) {
    (void)access;
    if (!manager_of(manager)) return fail(ERROR_INVALID_HANDLE);
    if (!name) return fail(ERROR_INVALID_ADDRESS);
    if (!*name) return fail(ERROR_INVALID_NAME);
    return fail(ERROR_SERVICE_DOES_NOT_EXIST);
}

VINE_EXPORT void* OpenServiceA(void* manager, LPCSTR name, DWORD access) {
    std::u16string wide = widen_ascii(name);
    return OpenServiceW(manager, name ? wide.c_str() : nullptr, access);
}

VINE_EXPORT BOOL CloseServiceHandle(void* handle) {
    Manager* manager = manager_of(handle);
    if (!manager) {
        SetLastError(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    manager->magic = 0;
    delete manager;
    return TRUE;
}

// No service handle can exist, so every handle is invalid here.
VINE_EXPORT BOOL QueryServiceStatus(void* service, void* status) {
    (void)service, (void)status;
    SetLastError(ERROR_INVALID_HANDLE);
    return FALSE;
}

VINE_EXPORT BOOL QueryServiceStatusEx(void* service, int level, BYTE* buffer, DWORD size, DWORD* needed) {
    (void)service, (void)level, (void)buffer, (void)size, (void)needed;
    SetLastError(ERROR_INVALID_HANDLE);
    return FALSE;
}

VINE_EXPORT BOOL EnumServicesStatusW(void* manager, DWORD type, DWORD state, void* services, DWORD size,
                                     DWORD* needed, DWORD* returned, DWORD* resume) {
    (void)services, (void)size;
    return enumerate_nothing(manager, type, state, needed, returned, resume);
}

VINE_EXPORT BOOL EnumServicesStatusA(void* manager, DWORD type, DWORD state, void* services, DWORD size,
                                     DWORD* needed, DWORD* returned, DWORD* resume) {
    (void)services, (void)size;
    return enumerate_nothing(manager, type, state, needed, returned, resume);
}

VINE_EXPORT BOOL EnumServicesStatusExW(void* manager, int level, DWORD type, DWORD state, BYTE* services, DWORD size,
                                       DWORD* needed, DWORD* returned, DWORD* resume, LPCWSTR group) {
    (void)services, (void)size, (void)group;
    if (level != SC_ENUM_PROCESS_INFO) {
        SetLastError(ERROR_INVALID_LEVEL);
        return FALSE;
    }
    return enumerate_nothing(manager, type, state, needed, returned, resume);
}

VINE_EXPORT BOOL EnumServicesStatusExA(void* manager, int level, DWORD type, DWORD state, BYTE* services, DWORD size,
                                       DWORD* needed, DWORD* returned, DWORD* resume, LPCSTR group) {
    (void)group;
    return EnumServicesStatusExW(manager, level, type, state, services, size, needed, returned, resume, nullptr);
}
