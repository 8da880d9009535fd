/* msvc_test.h - the check harness of vinetest.h for programs built by
 * clang for x86_64-pc-windows-msvc without MSVC's headers or CRT: printf
 * comes from msvcrt.dll, the entry point is the program's own. Each check
 * prints "ok: ..." or "FAIL file:line: ..."; vt_summary() prints
 * "N passed, N failed" and returns the failure count. */
#pragma once

extern "C" {
int printf(const char* format, ...);
int fflush(void* stream);
__declspec(noreturn) void __stdcall ExitProcess(unsigned code);
}

// MSVC programs get type_info's vtable from the static part of the CRT;
// the catch tables only need it to exist.
extern "C" const void* const vt_type_info_vftable[2] __asm__("??_7type_info@@6B@") = {nullptr, nullptr};

static int vt_passed, vt_failed;

[[maybe_unused]] static bool vt_check(bool cond, const char* file, int line, const char* what) {
    if (cond) {
        ++vt_passed;
        printf("ok: %s\n", what);
    } else {
        ++vt_failed;
        printf("FAIL %s:%d: %s\n", file, line, what);
    }
    return cond;
}
#define ok(cond, what) vt_check(!!(cond), __FILE__, __LINE__, what)

[[maybe_unused]] static int vt_summary() {
    printf("%d passed, %d failed\n", vt_passed, vt_failed);
    fflush(nullptr);
    return vt_failed > 125 ? 125 : vt_failed;
}
