// The processor as Windows names it, from CPUID: family ("level"), model and
// stepping ("revision" = model << 8 | stepping) and the vendor, for
// GetSystemInfo and the PROCESSOR_* environment variables.
#pragma once

#include <cpuid.h>

#include <cstdio>
#include <cstring>
#include <string>

namespace vine {

struct CpuIdentity {
    unsigned family = 6, model = 0, stepping = 0;
    std::string vendor;  // "GenuineIntel", "AuthenticAMD", ...

    unsigned revision() const { return (model << 8) | stepping; }
    // "Intel64 Family 6 Model 158 Stepping 10, GenuineIntel", as
    // PROCESSOR_IDENTIFIER reads on Windows.
    std::string identifier() const {
        char text[128];
        snprintf(text, sizeof(text), "%s Family %u Model %u Stepping %u, %s",
                 vendor == "GenuineIntel" ? "Intel64" : "AMD64", family, model, stepping, vendor.c_str());
        return text;
    }
};

// Family and model with their extended fields, as Windows combines them.
inline CpuIdentity cpu_identity() {
    CpuIdentity cpu;
    unsigned eax = 0, ebx = 0, ecx = 0, edx = 0;
    if (__get_cpuid(0, &eax, &ebx, &ecx, &edx)) {
        char vendor[13] = {};
        memcpy(vendor, &ebx, 4);
        memcpy(vendor + 4, &edx, 4);
        memcpy(vendor + 8, &ecx, 4);
        cpu.vendor = vendor;
    }
    if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx)) return cpu;
    unsigned family = (eax >> 8) & 0xf, model = (eax >> 4) & 0xf;
    if (family == 0xf) family += (eax >> 20) & 0xff;
    if (family == 0x6 || family >= 0xf) model |= ((eax >> 16) & 0xf) << 4;
    cpu.family = family;
    cpu.model = model;
    cpu.stepping = eax & 0xf;
    return cpu;
}

}  // namespace vine
