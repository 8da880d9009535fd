// GetComputerName(Ex): the machine's names, from the Unix host name
// (include/vine/computer_name.h), as Wine derives them.
#include "kernel32_private.h"
#include "vine/computer_name.h"
#include "vine/unicode.h"

using namespace kernel32;

namespace {


enum COMPUTER_NAME_FORMAT : int {
    ComputerNameNetBIOS,
    ComputerNameDnsHostname,
    ComputerNameDnsDomain,
    ComputerNameDnsFullyQualified,
    ComputerNamePhysicalNetBIOS,
    ComputerNamePhysicalDnsHostname,
    ComputerNamePhysicalDnsDomain,
    ComputerNamePhysicalDnsFullyQualified,
    ComputerNameMax
};

// Windows' copy-out: *size is the length without the terminator on
// success, the size needed with it on failure.
template <typename Char>
BOOL copy_name(const std::basic_string<Char>& name, Char* buffer, DWORD* size, DWORD short_error) {
    if (!size) {
        set_error(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    if (!buffer || *size <= name.size()) {
        *size = static_cast<DWORD>(name.size() + 1);
        set_error(short_error);
        return FALSE;
    }
    std::copy(name.begin(), name.end(), buffer);
    buffer[name.size()] = 0;
    *size = static_cast<DWORD>(name.size());
    return TRUE;
}

bool name_of(int type, std::string& name) {
    switch (type) {
    case ComputerNameNetBIOS:
    case ComputerNamePhysicalNetBIOS: name = vine::host_netbios_name(); return true;
    case ComputerNameDnsHostname:
    case ComputerNamePhysicalDnsHostname: name = vine::host_dns_name(); return true;
    case ComputerNameDnsDomain:
    case ComputerNamePhysicalDnsDomain: name = vine::host_dns_domain(); return true;
    case ComputerNameDnsFullyQualified:
    case ComputerNamePhysicalDnsFullyQualified: name = vine::host_name_fully_qualified(); return true;
    default: return false;
    }
}

}  // namespace

VINE_EXPORT BOOL GetComputerNameW(LPWSTR buffer, DWORD* size) {
    return copy_name(vine::utf8_to_utf16(vine::host_netbios_name()), buffer, size, ERROR_BUFFER_OVERFLOW);
}

VINE_EXPORT BOOL GetComputerNameA(LPSTR buffer, DWORD* size) {
    std::string ansi = ansi_from_wide(vine::utf8_to_utf16(vine::host_netbios_name()).c_str());
    return copy_name(ansi, buffer, size, ERROR_BUFFER_OVERFLOW);
}

VINE_EXPORT BOOL GetComputerNameExW(int type, LPWSTR buffer, DWORD* size) {
    std::string name;
    if (!name_of(type, name)) {
        set_error(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    return copy_name(vine::utf8_to_utf16(name), buffer, size, ERROR_MORE_DATA);
}

VINE_EXPORT BOOL GetComputerNameExA(int type, LPSTR buffer, DWORD* size) {
    std::string name;
    if (!name_of(type, name)) {
        set_error(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    return copy_name(ansi_from_wide(vine::utf8_to_utf16(name).c_str()), buffer, size, ERROR_MORE_DATA);
}
