// A DLL with C++ exceptions, for cxx_eh.cpp's cross-module checks.
extern "C" const void* const vt_type_info_vftable[2] __asm__("??_7type_info@@6B@") = {nullptr, nullptr};

struct DllGuard {
    int* counter;
    ~DllGuard() { ++*counter; }
};
static int dll_destroyed;

__declspec(dllexport) void vt_dll_throw_int(int value) {
    DllGuard g{&dll_destroyed};
    throw value;
}

__declspec(dllexport) int vt_dll_catch(void (*callback)()) {
    try {
        callback();
    } catch (int v) {
        return v;
    }
    return -1;
}

extern "C" int __stdcall vt_dll_main(void*, unsigned, void*) { return 1; }
