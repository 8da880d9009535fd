// The API set schema: contract name (up to its last hyphen) -> the DLL that
// hosts it on Windows 10/11 x64. Contracts not listed, and those listed with
// no host, are absent, as on Windows: LoadLibrary fails with
// ERROR_MOD_NOT_FOUND and delay-load helpers take their failure path (a
// name not listed is then looked up as an ordinary file, as Windows does).
#include "api_sets.h"

#include <algorithm>

#include "vine/unicode.h"

namespace vine::loader {
namespace {

struct Contract {
    std::u16string_view name;  // lower case, without the last "-N" and ".dll"
    std::u16string_view host;  // Windows' host DLL; empty: no host
};

constexpr std::u16string_view kernelbase = u"kernelbase.dll";
constexpr std::u16string_view kernel32 = u"kernel32.dll";
constexpr std::u16string_view ntdll = u"ntdll.dll";
constexpr std::u16string_view ucrtbase = u"ucrtbase.dll";
constexpr std::u16string_view advapi32 = u"advapi32.dll";
constexpr std::u16string_view sechost = u"sechost.dll";
constexpr std::u16string_view user32 = u"user32.dll";
constexpr std::u16string_view combase = u"combase.dll";

// Sorted by name (checked by the unit test), searched by binary search.
constexpr Contract kSchema[] = {
    {u"api-ms-win-core-apiquery-l1-1", ntdll},
    {u"api-ms-win-core-apiquery-l2-1", kernelbase},
    {u"api-ms-win-core-atoms-l1-1", kernel32},
    {u"api-ms-win-core-com-l1-1", combase},
    {u"api-ms-win-core-comm-l1-1", kernelbase},
    {u"api-ms-win-core-console-l1-1", kernelbase},
    {u"api-ms-win-core-console-l1-2", kernelbase},
    {u"api-ms-win-core-console-l2-1", kernelbase},
    {u"api-ms-win-core-console-l2-2", kernelbase},
    {u"api-ms-win-core-console-l3-2", kernelbase},
    {u"api-ms-win-core-crt-l1-1", ntdll},
    {u"api-ms-win-core-crt-l2-1", ntdll},
    {u"api-ms-win-core-datetime-l1-1", kernelbase},
    {u"api-ms-win-core-debug-l1-1", kernelbase},
    {u"api-ms-win-core-delayload-l1-1", kernelbase},
    {u"api-ms-win-core-enclave-l1-1", kernelbase},
    {u"api-ms-win-core-errorhandling-l1-1", kernelbase},
    {u"api-ms-win-core-fibers-l1-1", kernelbase},
    {u"api-ms-win-core-fibers-l2-1", kernelbase},
    {u"api-ms-win-core-file-ansi-l1-1", kernel32},
    {u"api-ms-win-core-file-l1-1", kernelbase},
    {u"api-ms-win-core-file-l1-2", kernelbase},
    {u"api-ms-win-core-file-l2-1", kernelbase},
    {u"api-ms-win-core-handle-l1-1", kernelbase},
    {u"api-ms-win-core-heap-l1-1", kernelbase},
    {u"api-ms-win-core-heap-l2-1", kernelbase},
    {u"api-ms-win-core-heap-obsolete-l1-1", kernel32},
    {u"api-ms-win-core-interlocked-l1-1", kernelbase},
    {u"api-ms-win-core-io-l1-1", kernelbase},
    {u"api-ms-win-core-job-l1-1", kernelbase},
    {u"api-ms-win-core-job-l2-1", kernel32},
    {u"api-ms-win-core-kernel32-legacy-l1-1", kernel32},
    {u"api-ms-win-core-kernel32-private-l1-1", kernel32},
    {u"api-ms-win-core-largeinteger-l1-1", kernelbase},
    {u"api-ms-win-core-libraryloader-l1-1", kernelbase},
    {u"api-ms-win-core-libraryloader-l1-2", kernelbase},
    {u"api-ms-win-core-libraryloader-l2-1", kernelbase},
    {u"api-ms-win-core-localization-l1-1", kernelbase},
    {u"api-ms-win-core-localization-l1-2", kernelbase},
    {u"api-ms-win-core-localization-l2-1", kernelbase},
    {u"api-ms-win-core-localization-obsolete-l1-2", kernelbase},
    {u"api-ms-win-core-localization-private-l1-1", kernelbase},
    {u"api-ms-win-core-memory-l1-1", kernelbase},
    {u"api-ms-win-core-namedpipe-ansi-l1-1", kernel32},
    {u"api-ms-win-core-namedpipe-l1-1", kernelbase},
    {u"api-ms-win-core-namedpipe-l1-2", kernelbase},
    {u"api-ms-win-core-normalization-l1-1", kernelbase},
    {u"api-ms-win-core-path-l1-1", kernelbase},
    {u"api-ms-win-core-privateprofile-l1-1", kernel32},
    {u"api-ms-win-core-processenvironment-l1-1", kernelbase},
    {u"api-ms-win-core-processenvironment-l1-2", kernelbase},
    {u"api-ms-win-core-processsnapshot-l1-1", kernelbase},
    {u"api-ms-win-core-processthreads-l1-1", kernelbase},
    {u"api-ms-win-core-processtopology-l1-1", kernelbase},
    {u"api-ms-win-core-processtopology-obsolete-l1-1", kernel32},
    {u"api-ms-win-core-profile-l1-1", kernelbase},
    {u"api-ms-win-core-psapi-ansi-l1-1", kernelbase},
    {u"api-ms-win-core-psapi-l1-1", kernelbase},
    {u"api-ms-win-core-psapi-obsolete-l1-1", kernelbase},
    {u"api-ms-win-core-quirks-l1-1", kernelbase},
    {u"api-ms-win-core-realtime-l1-1", kernelbase},
    {u"api-ms-win-core-registry-l1-1", kernelbase},
    {u"api-ms-win-core-registry-l2-1", advapi32},
    {u"api-ms-win-core-rtlsupport-l1-1", ntdll},
    {u"api-ms-win-core-rtlsupport-l1-2", ntdll},
    {u"api-ms-win-core-shlwapi-legacy-l1-1", kernelbase},
    {u"api-ms-win-core-shlwapi-obsolete-l1-1", kernelbase},
    {u"api-ms-win-core-shutdown-l1-1", advapi32},
    {u"api-ms-win-core-sidebyside-l1-1", kernelbase},
    {u"api-ms-win-core-string-l1-1", kernelbase},
    {u"api-ms-win-core-string-l2-1", kernelbase},
    {u"api-ms-win-core-string-obsolete-l1-1", kernelbase},
    {u"api-ms-win-core-stringansi-l1-1", kernelbase},
    {u"api-ms-win-core-synch-ansi-l1-1", kernel32},
    {u"api-ms-win-core-synch-l1-1", kernelbase},
    {u"api-ms-win-core-synch-l1-2", kernelbase},
    {u"api-ms-win-core-sysinfo-l1-1", kernelbase},
    {u"api-ms-win-core-sysinfo-l1-2", kernelbase},
    {u"api-ms-win-core-sysinfo-l2-1", kernelbase},
    {u"api-ms-win-core-systemtopology-l1-1", kernelbase},
    {u"api-ms-win-core-threadpool-l1-1", kernelbase},
    {u"api-ms-win-core-threadpool-l1-2", kernelbase},
    {u"api-ms-win-core-threadpool-legacy-l1-1", kernelbase},
    {u"api-ms-win-core-threadpool-private-l1-1", kernelbase},
    {u"api-ms-win-core-timezone-l1-1", kernelbase},
    {u"api-ms-win-core-toolhelp-l1-1", kernel32},
    {u"api-ms-win-core-url-l1-1", kernelbase},
    {u"api-ms-win-core-util-l1-1", kernelbase},
    {u"api-ms-win-core-version-l1-1", kernelbase},
    {u"api-ms-win-core-versionansi-l1-1", kernelbase},
    {u"api-ms-win-core-windowserrorreporting-l1-1", kernelbase},
    {u"api-ms-win-core-winrt-error-l1-1", combase},
    {u"api-ms-win-core-winrt-l1-1", combase},
    {u"api-ms-win-core-winrt-string-l1-1", combase},
    {u"api-ms-win-core-wow64-l1-1", kernelbase},
    {u"api-ms-win-core-xstate-l1-1", ntdll},
    {u"api-ms-win-core-xstate-l2-1", kernelbase},
    {u"api-ms-win-crt-conio-l1-1", ucrtbase},
    {u"api-ms-win-crt-convert-l1-1", ucrtbase},
    {u"api-ms-win-crt-environment-l1-1", ucrtbase},
    {u"api-ms-win-crt-filesystem-l1-1", ucrtbase},
    {u"api-ms-win-crt-heap-l1-1", ucrtbase},
    {u"api-ms-win-crt-locale-l1-1", ucrtbase},
    {u"api-ms-win-crt-math-l1-1", ucrtbase},
    {u"api-ms-win-crt-multibyte-l1-1", ucrtbase},
    {u"api-ms-win-crt-private-l1-1", ucrtbase},
    {u"api-ms-win-crt-process-l1-1", ucrtbase},
    {u"api-ms-win-crt-runtime-l1-1", ucrtbase},
    {u"api-ms-win-crt-stdio-l1-1", ucrtbase},
    {u"api-ms-win-crt-string-l1-1", ucrtbase},
    {u"api-ms-win-crt-time-l1-1", ucrtbase},
    {u"api-ms-win-crt-utility-l1-1", ucrtbase},
    {u"api-ms-win-eventing-classicprovider-l1-1", kernelbase},
    {u"api-ms-win-eventing-consumer-l1-1", sechost},
    {u"api-ms-win-eventing-controller-l1-1", sechost},
    {u"api-ms-win-eventing-provider-l1-1", kernelbase},
    {u"api-ms-win-security-base-l1-1", kernelbase},
    {u"api-ms-win-security-base-l1-2", kernelbase},
    {u"api-ms-win-security-credentials-l1-1", sechost},
    {u"api-ms-win-security-lsalookup-l1-1", sechost},
    {u"api-ms-win-security-sddl-l1-1", sechost},
    {u"api-ms-win-security-systemfunctions-l1-1", advapi32},
    {u"api-ms-win-service-core-l1-1", sechost},
    {u"api-ms-win-service-management-l1-1", sechost},
    {u"api-ms-win-service-management-l2-1", sechost},
    {u"api-ms-win-service-winsvc-l1-1", sechost},
    // ext- sets: hosted on desktop Windows by these DLLs; every other
    // extension set has no host there.
    {u"ext-ms-win-advapi32-registry-l1-1", advapi32},
    {u"ext-ms-win-kernel32-package-current-l1-1", kernel32},
    {u"ext-ms-win-kernel32-package-l1-1", kernel32},
    {u"ext-ms-win-ntuser-dialogbox-l1-1", user32},
    {u"ext-ms-win-ntuser-draw-l1-1", user32},
    {u"ext-ms-win-ntuser-gui-l1-1", user32},
    {u"ext-ms-win-ntuser-keyboard-l1-1", user32},
    {u"ext-ms-win-ntuser-message-l1-1", user32},
    {u"ext-ms-win-ntuser-misc-l1-1", user32},
    {u"ext-ms-win-ntuser-mouse-l1-1", user32},
    {u"ext-ms-win-ntuser-rectangle-ext-l1-1", user32},
    {u"ext-ms-win-ntuser-sysparams-ext-l1-1", user32},
    {u"ext-ms-win-ntuser-uicontext-ext-l1-1", user32},
    {u"ext-ms-win-ntuser-window-l1-1", user32},
    {u"ext-ms-win-ntuser-windowclass-l1-1", user32},
    {u"ext-ms-win-ntuser-windowstation-l1-1", user32},
    {u"ext-ms-win-rtcore-ntuser-window-ext-l1-1", user32},
};

// Vine's kernel32 also holds what Windows splits off into kernelbase.dll.
std::u16string_view vine_host(std::u16string_view windows_host) {
    return windows_host == kernelbase ? kernel32 : windows_host;
}

bool starts_with_ignore_case(std::u16string_view text, std::u16string_view prefix) {
    return text.size() >= prefix.size() && equal_ignore_case(text.substr(0, prefix.size()), prefix);
}

}  // namespace

bool is_api_set_name(std::u16string_view name) {
    return starts_with_ignore_case(name, u"api-") || starts_with_ignore_case(name, u"ext-");
}

std::optional<ApiSetResolution> resolve_api_set(std::u16string_view name) {
    if (!is_api_set_name(name)) return std::nullopt;
    std::u16string key;
    for (char16_t c : name) key += ascii_lower(c);
    if (key.size() > 4 && key.ends_with(u".dll")) key.resize(key.size() - 4);
    auto hyphen = key.rfind(u'-');
    key.resize(hyphen);  // "api-" or "ext-" guarantees one
    auto* end = std::end(kSchema);
    auto* found = std::lower_bound(std::begin(kSchema), end, key,
                                   [](const Contract& c, const std::u16string& k) { return c.name < k; });
    if (found == end || found->name != key) return std::nullopt;
    return ApiSetResolution{std::u16string(vine_host(found->host))};
}

bool api_set_present(std::u16string_view name) {
    auto resolved = resolve_api_set(name);
    return resolved && !resolved->host.empty();
}

bool api_set_schema_is_sorted() {
    return std::is_sorted(std::begin(kSchema), std::end(kSchema),
                          [](const Contract& a, const Contract& b) { return a.name < b.name; });
}

}  // namespace vine::loader
