// COM's basic types for host code: GUID, the IUnknown/IMalloc/IClassFactory
// vtable layouts, and the flags of CoInitializeEx, CoCreateInstance and
// CoGetApartmentType (objbase.h, objidl.h, unknwn.h, wtypes.h layouts).
#pragma once

#include "vine/wintypes.h"

struct GUID {
    DWORD Data1;
    WORD Data2;
    WORD Data3;
    BYTE Data4[8];
};
static_assert(sizeof(GUID) == 16);
using CLSID = GUID;
using IID = GUID;
using REFGUID = const GUID*;
using REFCLSID = const GUID*;
using REFIID = const GUID*;

inline bool operator==(const GUID& a, const GUID& b) {
    return a.Data1 == b.Data1 && a.Data2 == b.Data2 && a.Data3 == b.Data3 &&
           __builtin_memcmp(a.Data4, b.Data4, sizeof(a.Data4)) == 0;
}

// {00000000-0000-0000-C000-000000000046} and the IIDs built on it.
constexpr GUID IID_IUnknown = {0x00000000, 0x0000, 0x0000, {0xc0, 0, 0, 0, 0, 0, 0, 0x46}};
constexpr GUID IID_IClassFactory = {0x00000001, 0x0000, 0x0000, {0xc0, 0, 0, 0, 0, 0, 0, 0x46}};
constexpr GUID IID_IMalloc = {0x00000002, 0x0000, 0x0000, {0xc0, 0, 0, 0, 0, 0, 0, 0x46}};

// An interface is a pointer to a pointer to its vtable; the guest calls
// through the vtable with the Microsoft convention.
struct IUnknown;
struct IUnknownVtbl {
    HRESULT(WINAPI* QueryInterface)(IUnknown* self, REFIID iid, void** object);
    ULONG(WINAPI* AddRef)(IUnknown* self);
    ULONG(WINAPI* Release)(IUnknown* self);
};
struct IUnknown {
    const IUnknownVtbl* lpVtbl;
};

struct IMalloc;
struct IMallocVtbl {
    HRESULT(WINAPI* QueryInterface)(IMalloc* self, REFIID iid, void** object);
    ULONG(WINAPI* AddRef)(IMalloc* self);
    ULONG(WINAPI* Release)(IMalloc* self);
    void*(WINAPI* Alloc)(IMalloc* self, SIZE_T size);
    void*(WINAPI* Realloc)(IMalloc* self, void* block, SIZE_T size);
    void(WINAPI* Free)(IMalloc* self, void* block);
    SIZE_T(WINAPI* GetSize)(IMalloc* self, void* block);
    int(WINAPI* DidAlloc)(IMalloc* self, void* block);
    void(WINAPI* HeapMinimize)(IMalloc* self);
};
struct IMalloc {
    const IMallocVtbl* lpVtbl;
};

struct IClassFactory;
struct IClassFactoryVtbl {
    HRESULT(WINAPI* QueryInterface)(IClassFactory* self, REFIID iid, void** object);
    ULONG(WINAPI* AddRef)(IClassFactory* self);
    ULONG(WINAPI* Release)(IClassFactory* self);
    HRESULT(WINAPI* CreateInstance)(IClassFactory* self, IUnknown* outer, REFIID iid, void** object);
    HRESULT(WINAPI* LockServer)(IClassFactory* self, BOOL lock);
};
struct IClassFactory {
    const IClassFactoryVtbl* lpVtbl;
};

constexpr DWORD COINIT_MULTITHREADED = 0x0, COINIT_APARTMENTTHREADED = 0x2, COINIT_DISABLE_OLE1DDE = 0x4,
                COINIT_SPEED_OVER_MEMORY = 0x8;
constexpr DWORD MEMCTX_TASK = 1;
constexpr DWORD CLSCTX_INPROC_SERVER = 0x1, CLSCTX_INPROC_HANDLER = 0x2, CLSCTX_LOCAL_SERVER = 0x4,
                CLSCTX_REMOTE_SERVER = 0x10;

enum APTTYPE : int {
    APTTYPE_CURRENT = -1,
    APTTYPE_STA = 0,
    APTTYPE_MTA = 1,
    APTTYPE_NA = 2,
    APTTYPE_MAINSTA = 3,
};
enum APTTYPEQUALIFIER : int {
    APTTYPEQUALIFIER_NONE = 0,
    APTTYPEQUALIFIER_IMPLICIT_MTA = 1,
};
