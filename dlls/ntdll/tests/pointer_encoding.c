/* RtlEncodePointer/RtlDecodePointer and kernel32's EncodePointer/
 * DecodePointer (forwarders to them): decoding gives back what was
 * encoded, the encoded form is not the pointer, and one process encodes
 * the same way through either DLL. */
#include <windows.h>

#include "vinetest.h"

typedef PVOID (WINAPI *coder_t)(PVOID);

int main(void)
{
    static const ULONG_PTR samples[] = {0, 1, 0x7ff612340000, 0x140001000, ~(ULONG_PTR)0, 0x8000000000000000};
    HMODULE ntdll = GetModuleHandleW(L"ntdll.dll");
    coder_t encode = (coder_t)GetProcAddress(ntdll, "RtlEncodePointer");
    coder_t decode = (coder_t)GetProcAddress(ntdll, "RtlDecodePointer");
    int changed = 0;
    size_t i;
    ok(encode && decode, "ntdll exports RtlEncodePointer and RtlDecodePointer");
    if (!encode || !decode) return vt_summary();
    ok((void *)GetProcAddress(GetModuleHandleW(L"kernel32.dll"), "EncodePointer") == (void *)encode,
       "kernel32's EncodePointer is ntdll's RtlEncodePointer");
    for (i = 0; i < sizeof(samples) / sizeof(samples[0]); ++i) {
        PVOID pointer = (PVOID)samples[i];
        PVOID encoded = EncodePointer(pointer);
        ok(DecodePointer(encoded) == pointer, "DecodePointer(EncodePointer(%p))", pointer);
        ok(decode(encode(pointer)) == pointer, "RtlDecodePointer(RtlEncodePointer(%p))", pointer);
        ok(encode(pointer) == encoded, "the same encoding each time and through both DLLs (%p)", pointer);
        if (encoded != pointer) ++changed;
    }
    /* The cookie is random and not zero: at most one sample could map to itself. */
    ok(changed >= 5, "encoding changes the pointers (%d of 6)", changed);
    ok(EncodePointer(NULL) != NULL, "NULL is encoded too");
    return vt_summary();
}
