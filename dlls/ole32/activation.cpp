// In-process activation: CoGetClassObject finds HKCR\CLSID\{clsid}, its
// InprocServer32 key, loads that DLL and asks its DllGetClassObject for the
// class factory; CoCreateInstance asks the factory for the object. A class
// with no key is REGDB_E_CLASSNOTREG; COM must be initialized first
// (CO_E_NOTINITIALIZED). Local and remote servers are not supported: a class
// registered only that way is reported as not registered for the context.
#include <string>

#include "ole32_private.h"
#include "vine/advapi32_exports.h"
#include "vine/kernel32_file_exports.h"
#include "vine/winerror.h"

VINE_EXPORT int StringFromGUID2(const GUID* guid, WCHAR* buffer, int size);

namespace {

using DllGetClassObjectFn = HRESULT(WINAPI*)(REFCLSID clsid, REFIID iid, void** object);

// The server DLL's path from InprocServer32's default value (a REG_EXPAND_SZ
// comes back expanded), or an empty string.
std::u16string inproc_server(const GUID& clsid) {
    WCHAR name[40];
    StringFromGUID2(&clsid, name, 40);
    std::u16string key = u"CLSID\\";
    key += name;
    key += u"\\InprocServer32";
    WCHAR path[1024];
    DWORD size = sizeof(path);
    if (RegGetValueW(HKEY_CLASSES_ROOT, key.c_str(), nullptr, RRF_RT_REG_SZ, nullptr, path,
                     &size) != ERROR_SUCCESS)
        return {};
    return path;
}

bool class_registered(const GUID& clsid) {
    WCHAR name[40];
    StringFromGUID2(&clsid, name, 40);
    std::u16string key = u"CLSID\\";
    key += name;
    HKEY handle;
    if (RegOpenKeyExW(HKEY_CLASSES_ROOT, key.c_str(), 0, KEY_READ, &handle) != ERROR_SUCCESS) return false;
    RegCloseKey(handle);
    return true;
}

}  // namespace

VINE_EXPORT HRESULT CoGetClassObject(REFCLSID clsid, DWORD context, void* /*server_info*/, REFIID iid, void** object) {
    if (!object) return E_INVALIDARG;
    *object = nullptr;
    if (!clsid || !iid) return E_INVALIDARG;
    if (!ole32::com_usable()) return CO_E_NOTINITIALIZED;
    if (!class_registered(*clsid)) return REGDB_E_CLASSNOTREG;
    if (!(context & (CLSCTX_INPROC_SERVER | CLSCTX_INPROC_HANDLER))) return REGDB_E_CLASSNOTREG;
    std::u16string path = inproc_server(*clsid);
    if (path.empty()) return REGDB_E_CLASSNOTREG;
    // The DLL stays loaded: its objects may outlive this call
    // (CoFreeUnusedLibraries, which would unload it, is not implemented).
    HMODULE module = LoadLibraryW(path.c_str());
    if (!module) return CO_E_DLLNOTFOUND;
    auto get_class_object =
        reinterpret_cast<DllGetClassObjectFn>(reinterpret_cast<void*>(GetProcAddress(module, "DllGetClassObject")));
    if (!get_class_object) {
        FreeLibrary(module);
        return CO_E_ERRORINDLL;
    }
    return get_class_object(clsid, iid, object);
}

VINE_EXPORT HRESULT CoCreateInstance(REFCLSID clsid, IUnknown* outer, DWORD context, REFIID iid, void** object) {
    if (!object) return E_POINTER;
    *object = nullptr;
    if (!clsid || !iid) return E_INVALIDARG;
    IClassFactory* factory = nullptr;
    HRESULT result = CoGetClassObject(clsid, context, nullptr, &IID_IClassFactory, reinterpret_cast<void**>(&factory));
    if (result != S_OK) return result;
    result = factory->lpVtbl->CreateInstance(factory, outer, iid, object);
    factory->lpVtbl->Release(factory);
    return result;
}
