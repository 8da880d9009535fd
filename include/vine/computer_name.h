// The machine's names as Windows reports them, from the Unix host name: the
// DNS host name is the part before the first dot, the domain the rest, and
// the NetBIOS name (COMPUTERNAME, GetComputerName) the host name upper-cased
// and cut to MAX_COMPUTERNAME_LENGTH characters, as Wine derives them. One
// definition for the loader (the environment) and kernel32.
#pragma once

#include <unistd.h>

#include <string>

namespace vine {

inline constexpr size_t kMaxComputerNameLength = 15;  // MAX_COMPUTERNAME_LENGTH

inline std::string host_name_fully_qualified() {
    char name[256] = {};
    if (gethostname(name, sizeof(name) - 1) != 0 || !name[0]) return "localhost";
    return name;
}

inline std::string host_dns_name() {
    std::string full = host_name_fully_qualified();
    return full.substr(0, full.find('.'));
}

inline std::string host_dns_domain() {
    std::string full = host_name_fully_qualified();
    size_t dot = full.find('.');
    return dot == std::string::npos ? std::string() : full.substr(dot + 1);
}

inline std::string host_netbios_name() {
    std::string name = host_dns_name().substr(0, kMaxComputerNameLength);
    for (char& c : name)
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    return name;
}

}  // namespace vine
