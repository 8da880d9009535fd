// SetFileApisToOEM / SetFileApisToANSI / AreFileApisANSI: the code page in
// which kernel32's A functions that take or return file names read and
// write them. ANSI until a program asks for OEM (console programs do, so
// that names they print match the console's code page); it is the
// process's setting, not a thread's.
#include <atomic>

#include "kernel32_private.h"

namespace {

std::atomic<bool> file_apis_are_oem{false};

UINT file_api_code_page() { return file_apis_are_oem.load(std::memory_order_relaxed) ? CP_OEMCP : CP_ACP; }

}  // namespace

namespace kernel32 {

std::u16string wide_from_file_api(const char* text) { return wide_from_ansi(text, file_api_code_page()); }
std::string file_api_from_wide(const WCHAR* text) { return ansi_from_wide(text, file_api_code_page()); }

}  // namespace kernel32

VINE_EXPORT void SetFileApisToOEM() { file_apis_are_oem.store(true, std::memory_order_relaxed); }
VINE_EXPORT void SetFileApisToANSI() { file_apis_are_oem.store(false, std::memory_order_relaxed); }
VINE_EXPORT BOOL AreFileApisANSI() { return !file_apis_are_oem.load(std::memory_order_relaxed); }
